using System.Net;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;

namespace Psstd.Tests.Support;

/// <summary>
/// One real engine on a <see cref="GossipNetwork"/>, with its own cluster state and counters, the record
/// its heartbeat would publish, and a log of everything it sent.
/// </summary>
/// <remarks>Not a record and no public graph: xunit must never try to print one (the network refers back to it).</remarks>
public sealed class GossipNode : IGossipTransport
{
    private readonly List<SentPacket> _sent = [];
    private readonly byte[] _scratch = new byte[PacketCodec.MaxDatagramBytes];

    internal GossipNode(GossipNetwork network, IPEndPoint address, GossipOptions options, NodeRecord record, Random random)
    {
        Network = network;
        Address = address;
        Options = options;
        Record = record;
        Cluster = new ClusterState(network.Clock);
        Engine = new GossipEngine(options, record.Id, Cluster, this, Counters, network.Clock, random);
    }

    public GossipNetwork Network { get; }

    public IPEndPoint Address { get; }

    public GossipOptions Options { get; }

    /// <summary>This node's own record as last published (or as it will first be).</summary>
    public NodeRecord Record { get; private set; }

    public ClusterState Cluster { get; }

    public GossipCounters Counters { get; } = new();

    public GossipEngine Engine { get; }

    /// <summary>Every datagram and stream this node's engine sent, delivered or not, in order.</summary>
    public IReadOnlyList<SentPacket> Sent => _sent;

    /// <summary>Targets this node's packets do not reach (a link that is down; see <see cref="GossipNetwork.Cut"/>).</summary>
    public HashSet<IPEndPoint> Unreachable { get; } = [];

    /// <summary>Kinds of datagram this node's sends lose (bad luck that hits one kind only).</summary>
    public HashSet<MessageKind> Loses { get; } = [];

    /// <summary>What the heartbeat does: the next sequence of this node's record, merged into its own state.</summary>
    public void Publish() => Hold(Record with { Sequence = Record.Sequence + 1 });

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

    public override string ToString() => $"{Record.Name} at {Address}";

    void IGossipTransport.Send(IPEndPoint target, ReadOnlySpan<byte> packet)
    {
        var kind = KindOf(packet);
        _sent.Add(new SentPacket(target, kind, packet.Length, Stream: false));
        Network.Send(this, target, kind, packet.ToArray());
    }

    void IGossipTransport.SendStream(IPEndPoint target, IReadOnlyList<byte[]> packets)
    {
        var kind = packets.Count > 0 ? KindOf(packets[0]) : default;
        _sent.Add(new SentPacket(target, kind, packets.Sum(p => p.Length), Stream: true));
        Network.SendStream(this, target, kind, packets);
    }

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
public readonly record struct SentPacket(IPEndPoint Target, MessageKind Kind, int Bytes, bool Stream);
