using System.Net;
using Microsoft.Extensions.Time.Testing;
using Psstd.Gossip.Wire;
using Psstd.Tests.Support;

namespace Psstd.Tests.Trust;

/// <summary>
/// Nodes of a <see cref="GossipNetwork"/> that know one another, driven in 200 ms rounds on one fake clock
/// (each publishes once a second), and a stranger who can put any datagram on the wire from any source.
/// </summary>
internal sealed class TrustNetwork
{
    public TrustNetwork(int count, int maxNodes = int.MaxValue)
    {
        Network = new GossipNetwork(Clock);
        Nodes = Network.AddMany(count);
        foreach (var node in Nodes)
        {
            node.Cluster.MaxNodes = maxNodes;
            node.Engine.SetSeeds([Nodes[0].Address]);
        }
    }

    public FakeTimeProvider Clock { get; } = new();

    public GossipNetwork Network { get; }

    public List<GossipNode> Nodes { get; }

    public void Rounds(int rounds)
    {
        for (var round = 0; round < rounds; round++)
        {
            foreach (var node in Nodes)
            {
                if (round % 5 == 0)
                {
                    node.Publish();
                }

                node.Tick();
            }

            Clock.Advance(TimeSpan.FromMilliseconds(200));
        }
    }

    /// <summary>A datagram from anyone, to a node, delivered with everything it sets off.</summary>
    public DecodeOutcome Inject(IPEndPoint from, GossipNode to, MessageKind kind, ReadOnlySpan<byte> payload)
    {
        var packet = new byte[StreamFrames.MaxFrameBytes];
        var length = PacketCodec.Write("test", null, kind, payload, packet);
        var outcome = to.Engine.Receive(packet.AsSpan(0, length), from);
        Network.Deliver();
        return outcome;
    }

    /// <summary>Records as one datagram of news, from anyone, to a node.</summary>
    public DecodeOutcome InjectRecords(IPEndPoint from, GossipNode to, params byte[][] records)
    {
        var payload = new byte[PacketCodec.MaxDatagramBytes];
        var next = 0;
        var length = RecordBatch.Pack(records, ref next, payload);
        return Inject(from, to, MessageKind.Records, payload.AsSpan(0, length));
    }

    /// <summary>Bytes every node sent to <paramref name="target"/>.</summary>
    public long BytesTo(IPEndPoint target) => Nodes.Sum(n => n.BytesTo(target));
}
