using System.Net;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Telemetry;
using Psstd.Gossip.Wire;
using Psstd.Tests.Gossip;
using Psstd.Tests.Support;

namespace Psstd.Tests.Trust;

/// <summary>
/// Real engines on a queued in-memory network (every packet is delivered after the call that sent it returns,
/// as a real network would), each node outranking claims on its identity as the agent does, and a stranger
/// who can put any datagram on the wire from any source address.
/// </summary>
internal sealed class TrustNetwork
{
    private readonly Dictionary<IPEndPoint, Peer> _peers = [];
    private readonly Queue<(IPEndPoint From, IPEndPoint To, byte[] Packet, bool Frame)> _wire = new();

    public TrustNetwork(int count, int maxNodes = int.MaxValue)
    {
        for (var i = 0; i < count; i++)
        {
            var peer = new Peer(this, i, maxNodes);
            _peers[peer.Address] = peer;
            Nodes.Add(peer);
        }

        foreach (var peer in Nodes)
        {
            peer.Engine.SetSeeds([Nodes[0].Address]);
        }
    }

    public ManualTimeProvider Clock { get; } = new();

    public List<Peer> Nodes { get; } = [];

    /// <summary>Bytes sent to each address, whoever listens there.</summary>
    public Dictionary<IPEndPoint, long> BytesTo { get; } = [];

    /// <summary>Rounds of 200 ms: every node publishes once a second, ticks, and the wire is drained.</summary>
    public void Rounds(int rounds)
    {
        for (var round = 0; round < rounds; round++)
        {
            foreach (var peer in Nodes)
            {
                if (round % 5 == 0)
                {
                    peer.Publish();
                }

                peer.Engine.Tick();
            }

            Drain();
            Clock.Advance(TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>A datagram from anyone, to a node, delivered with everything it sets off.</summary>
    public DecodeOutcome Inject(IPEndPoint from, Peer to, MessageKind kind, ReadOnlySpan<byte> payload)
    {
        var packet = new byte[StreamFrames.MaxFrameBytes];
        var length = PacketCodec.Write("test", null, kind, payload, packet);
        var outcome = to.Engine.Receive(packet.AsSpan(0, length), from);
        Drain();
        return outcome;
    }

    /// <summary>Records as one datagram of news, from anyone, to a node.</summary>
    public DecodeOutcome InjectRecords(IPEndPoint from, Peer to, params byte[][] records)
    {
        var payload = new byte[PacketCodec.MaxDatagramBytes];
        var next = 0;
        var length = RecordBatch.Pack(records, ref next, payload);
        return Inject(from, to, MessageKind.Records, payload.AsSpan(0, length));
    }

    public void Drain()
    {
        while (_wire.TryDequeue(out var item))
        {
            if (_peers.TryGetValue(item.To, out var peer))
            {
                if (item.Frame)
                {
                    peer.Engine.ReceiveFrame(item.Packet);
                }
                else
                {
                    peer.Engine.Receive(item.Packet, item.From);
                }
            }
        }
    }

    private void Put(IPEndPoint from, IPEndPoint to, ReadOnlySpan<byte> packet, bool frame)
    {
        BytesTo[to] = BytesTo.GetValueOrDefault(to) + packet.Length;
        _wire.Enqueue((from, to, packet.ToArray(), frame));
    }

    /// <remarks>Not a record, so xunit never tries to print the network it refers to.</remarks>
    internal sealed class Peer : IGossipTransport
    {
        private readonly TrustNetwork _network;
        private IdentityClaim? _claim;

        public Peer(TrustNetwork network, int index, int maxNodes)
        {
            _network = network;
            Address = new IPEndPoint(IPAddress.Parse($"192.0.2.{index + 1}"), 7947);
            Record = RecordSamples.Record(id: Guid.NewGuid(), name: $"n{index}") with { GossipAddress = Address.ToString(), DashboardUrl = $"http://192.0.2.{index + 1}:8080/" };
            Cluster = new ClusterState(network.Clock) { MaxNodes = maxNodes };
            Engine = new GossipEngine(new GossipOptions { Cluster = "test" }, Record.Id, Cluster, this, Metrics, network.Clock, new Random(index));
            Engine.IdentityClaimed += (_, claim) => _claim = claim;
        }

        public IPEndPoint Address { get; }

        public NodeRecord Record { get; private set; }

        public ClusterState Cluster { get; }

        public GossipMetrics Metrics { get; } = new();

        public GossipEngine Engine { get; }

        /// <summary>The next record; past a claim on this node's identity, under a generation that outranks it (as the agent's heartbeat does).</summary>
        public void Publish()
        {
            Record = _claim is { } claim && (claim.Generation > Record.Generation || (claim.Generation == Record.Generation && claim.Sequence > Record.Sequence))
                ? Record with { Generation = Math.Max(claim.Generation, Record.Generation) + 1, Sequence = 1 }
                : Record with { Sequence = Record.Sequence + 1 };
            _claim = null;
            Cluster.Merge(RecordCodec.ToBytes(Record));
        }

        /// <summary>How this node sees <paramref name="other"/> now: its health and the record it holds.</summary>
        public (NodeHealth Health, NodeRecord Record) ViewOf(Peer other)
        {
            var entry = Cluster.Find(other.Record.Id) ?? throw new InvalidOperationException($"{other.Record.Name} is not held");
            return (NodeHealthJudge.Judge(entry, _network.Clock), entry.Decode());
        }

        public void Send(IPEndPoint target, ReadOnlySpan<byte> packet) => _network.Put(Address, target, packet, frame: false);

        public void SendStream(IPEndPoint target, IReadOnlyList<byte[]> packets, Action<long> connected)
        {
            if (!_network._peers.ContainsKey(target))
            {
                return; // nobody listens: the connection is refused
            }

            connected(packets.Sum(p => p.Length));
            foreach (var packet in packets)
            {
                _network.Put(Address, target, packet, frame: true);
            }
        }
    }
}
