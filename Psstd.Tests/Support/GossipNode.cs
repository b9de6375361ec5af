using System.Net;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Telemetry;
using Psstd.Gossip.Wire;

namespace Psstd.Tests.Support;

/// <summary>
/// One real engine on a <see cref="GossipNetwork"/>, with its own cluster state and counters, the record
/// its heartbeat would publish, and a log of everything it sent.
/// </summary>
/// <remarks>Not a record and no public graph: xunit must never try to print one (the network refers back to it).</remarks>
internal sealed class GossipNode : IGossipTransport
{
    private readonly List<SentPacket> _sent = [];
    private IdentityClaim? _claim;
    private readonly byte[] _scratch = new byte[PacketCodec.MaxDatagramBytes];

    internal GossipNode(GossipNetwork network, IPEndPoint address, GossipOptions options, NodeRecord record, Random random)
    {
        Network = network;
        Address = address;
        Options = options;
        Record = record;
        Cluster = new ClusterState(network.Clock);
        Engine = new GossipEngine(options, record.Id, Cluster, this, Counters, network.Clock, random);
        Engine.IdentityClaimed += (_, claim) => _claim = claim;
    }

    public GossipNetwork Network { get; }

    public IPEndPoint Address { get; }

    public GossipOptions Options { get; }

    /// <summary>This node's own record as last published (or as it will first be).</summary>
    public NodeRecord Record { get; private set; }

    public ClusterState Cluster { get; }

    public GossipMetrics Counters { get; } = new();

    public GossipEngine Engine { get; }

    /// <summary>Every datagram and stream this node's engine sent, delivered or not, in order.</summary>
    public IReadOnlyList<SentPacket> Sent => _sent;

    /// <summary>Targets this node's packets do not reach (a link that is down; see <see cref="GossipNetwork.Cut"/>).</summary>
    public HashSet<IPEndPoint> Unreachable { get; } = [];

    /// <summary>Kinds of datagram this node's sends lose (bad luck that hits one kind only).</summary>
    public HashSet<MessageKind> Loses { get; } = [];

    /// <summary>
    /// What the heartbeat does: the next sequence of this node's record, merged into its own state; after a
    /// peer named a newer version of this node (<see cref="GossipEngine.IdentityClaimed"/>), a generation that
    /// outranks it, as the agent does.
    /// </summary>
    public void Publish()
    {
        var outranked = _claim is { } claim && (claim.Generation > Record.Generation || (claim.Generation == Record.Generation && claim.Sequence > Record.Sequence));
        Hold(outranked
            ? Record with { Generation = Math.Max(_claim!.Value.Generation, Record.Generation) + 1, Sequence = 1 }
            : Record with { Sequence = Record.Sequence + 1 });
        _claim = null;
    }

    /// <summary>A graceful shutdown's last record: the next sequence, marked left.</summary>
    public void Leave() => Hold(Record with { Sequence = Record.Sequence + 1, Left = true });

    /// <summary>A restart: the same node under the next generation, counting from sequence 1.</summary>
    public void Restart() => Hold(Record with { Generation = Record.Generation + 1, Sequence = 1, Left = false });

    /// <summary>One round of this node's engine; what it sent, and the answers, arrive before this returns.</summary>
    public void Tick()
    {
        Engine.Tick();
        Network.Deliver();
    }

    /// <summary>The health of <paramref name="other"/> as this node judges it now.</summary>
    public NodeHealth ViewOf(GossipNode other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return NodeHealthJudge.Judge(Cluster.Find(other.Record.Id)!, Network.Clock);
    }

    /// <summary>The record of <paramref name="other"/> as this node holds it now.</summary>
    public NodeRecord RecordOf(GossipNode other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Cluster.Find(other.Record.Id)!.Decode();
    }

    /// <summary>Bytes this node sent to <paramref name="target"/>, datagrams and streams.</summary>
    public long BytesTo(IPEndPoint target) => _sent.Where(s => s.Target.Equals(target)).Sum(s => (long)s.Bytes);

    public override string ToString() => $"{Record.Name} at {Address}";

    void IGossipTransport.Send(IPEndPoint target, ReadOnlySpan<byte> packet)
    {
        var kind = KindOf(packet);
        _sent.Add(new SentPacket(target, kind, packet.Length, Stream: false));
        Network.Send(this, target, kind, packet.ToArray());
    }

    void IGossipTransport.SendStream(IPEndPoint target, IReadOnlyList<byte[]> packets, Action<long> connected)
    {
        var kind = packets.Count > 0 ? KindOf(packets[0]) : default;
        _sent.Add(new SentPacket(target, kind, packets.Sum(p => p.Length), Stream: true));
        if (Network.SendStream(this, target, kind, packets))
        {
            connected(packets.Sum(p => p.Length));
        }
    }

    /// <summary>Datagrams and streams this node tried to send to <paramref name="target"/>, whether or not they arrived.</summary>
    public int SentTo(IPEndPoint target) => _sent.Count(s => s.Target.Equals(target));

    private void Hold(NodeRecord record)
    {
        Record = record;
        Cluster.Merge(RecordCodec.ToBytes(record));
    }

    /// <summary>The kind of a packet this node sealed (0 when it cannot be opened, which its own never are).</summary>
    private MessageKind KindOf(ReadOnlySpan<byte> packet) =>
        PacketCodec.Open(packet, Options.Cluster, Options.Keyring, _scratch, out var kind, out _) == DecodeOutcome.Accepted ? kind : default;
}

/// <summary>One send of a <see cref="GossipNode"/>: a datagram, or a whole stream (its first frame's kind, all its bytes).</summary>
internal readonly record struct SentPacket(IPEndPoint Target, MessageKind Kind, int Bytes, bool Stream);
