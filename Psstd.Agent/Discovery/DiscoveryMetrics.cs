using System.Diagnostics.Metrics;
using Psstd.Agent.Discovery.Dns;

namespace Psstd.Agent.Discovery;

/// <summary>
/// What discovery received, sent and dropped, by reason: shown in the agent's /healthz next to gossip's and,
/// with a meter factory, published as observable instruments of the <see cref="MeterName"/> meter that read
/// these same counts.
/// </summary>
internal sealed class DiscoveryMetrics
{
    /// <summary>The meter every discovery instrument belongs to.</summary>
    public const string MeterName = "Psstd.Discovery";

    private readonly long[] _malformed = new long[Enum.GetValues<DnsDecodeError>().Length];
    private long _packetsIn;
    private long _packetsOut;
    private long _sendFailures;
    private long _otherCluster;
    private long _cacheFull;
    private long _notFromMdnsPort;
    private long _otherInterface;

    /// <param name="meterFactory">Publishes the counts as instruments; null (tests): counts only.</param>
    public DiscoveryMetrics(IMeterFactory? meterFactory = null)
    {
        if (meterFactory is null)
        {
            return;
        }

        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableCounter("psstd.discovery.packets.received", () => PacketsIn, "{packet}", "mDNS packets received.");
        meter.CreateObservableCounter("psstd.discovery.packets.sent", () => PacketsOut, "{packet}", "mDNS packets sent.");
        meter.CreateObservableCounter("psstd.discovery.send.failures", () => Interlocked.Read(ref _sendFailures), "{packet}", "mDNS sends the network refused.");
        meter.CreateObservableCounter("psstd.discovery.packets.dropped", Drops, "{packet}", "mDNS packets or instances dropped, by reason.");
    }

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

    private IEnumerable<Measurement<long>> Drops()
    {
        static Measurement<long> Of(long count, string reason) => new(count, new KeyValuePair<string, object?>("reason", reason));
        yield return Of(OtherClusterInstances, "other_cluster");
        yield return Of(Interlocked.Read(ref _cacheFull), "cache_full");
        yield return Of(Interlocked.Read(ref _notFromMdnsPort), "not_from_mdns_port");
        yield return Of(Interlocked.Read(ref _otherInterface), "other_interface");
        foreach (var error in Enum.GetValues<DnsDecodeError>().Where(e => e != DnsDecodeError.None))
        {
            yield return Of(MalformedPackets(error), $"malformed_{error}");
        }
    }

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
