using Psstd.Agent.Discovery.Dns;

namespace Psstd.Agent.Discovery;

/// <summary>What discovery received, sent and dropped, by reason: shown in the agent's /healthz next to gossip's.</summary>
public sealed class DiscoveryCounters
{
    private readonly long[] _malformed = new long[Enum.GetValues<DnsDecodeError>().Length];
    private long _packetsIn;
    private long _packetsOut;
    private long _sendFailures;
    private long _otherCluster;
    private long _cacheFull;
    private long _notFromMdnsPort;
    private long _otherInterface;

    public void PacketIn() => Interlocked.Increment(ref _packetsIn);

    public void PacketOut() => Interlocked.Increment(ref _packetsOut);

    public void SendFailed() => Interlocked.Increment(ref _sendFailures);

    public void Malformed(DnsDecodeError error) => Interlocked.Increment(ref _malformed[(int)error]);

    /// <summary>An instance of another <c>PSSTD_CLUSTER</c>, counted once per instance and cluster.</summary>
    public void OtherCluster() => Interlocked.Increment(ref _otherCluster);

    public void CacheFull() => Interlocked.Increment(ref _cacheFull);

    /// <summary>A response whose source port is not 5353: RFC 6762 section 6 says ignore it.</summary>
    public void NotFromMdnsPort() => Interlocked.Increment(ref _notFromMdnsPort);

    /// <summary>A packet that arrived on an interface discovery does not use.</summary>
    public void OtherInterface() => Interlocked.Increment(ref _otherInterface);

    public long PacketsIn => Interlocked.Read(ref _packetsIn);

    public long PacketsOut => Interlocked.Read(ref _packetsOut);

    public long OtherClusterInstances => Interlocked.Read(ref _otherCluster);

    public long MalformedPackets(DnsDecodeError error) => Interlocked.Read(ref _malformed[(int)error]);

    public long MalformedTotal => Enum.GetValues<DnsDecodeError>().Sum(MalformedPackets);

    /// <summary>One line for health output, e.g. <c>in 12 packets, out 9 (0 failed), dropped: other cluster 1, malformed BadPointer 2</c>.</summary>
    public string Describe()
    {
        var drops = new List<string>();
        void Add(string what, long count)
        {
            if (count > 0)
            {
                drops.Add($"{what} {count}");
            }
        }

        Add("other cluster", OtherClusterInstances);
        Add("cache full", Interlocked.Read(ref _cacheFull));
        Add("not from port 5353", Interlocked.Read(ref _notFromMdnsPort));
        Add("other interface", Interlocked.Read(ref _otherInterface));
        foreach (var error in Enum.GetValues<DnsDecodeError>().Where(e => e != DnsDecodeError.None))
        {
            Add($"malformed {error}", MalformedPackets(error));
        }

        return $"in {PacketsIn} packets, out {PacketsOut} ({Interlocked.Read(ref _sendFailures)} failed), dropped: {(drops.Count == 0 ? "none" : string.Join(", ", drops))}";
    }
}
