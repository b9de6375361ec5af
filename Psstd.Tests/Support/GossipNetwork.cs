using System.Net;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;
using Psstd.Tests.Gossip;

namespace Psstd.Tests.Support;

/// <summary>
/// Real gossip engines on one in-memory network and one clock: every node records what it sent, and
/// what is in flight arrives only when <see cref="Deliver"/> is called (<see cref="GossipNode.Tick"/>
/// does), so no engine is ever called back from inside its own send, as over a real socket.
/// </summary>
/// <remarks>
/// Switches for a network that misbehaves: <see cref="Cut"/> takes a link down both ways,
/// <see cref="GossipNode.Loses"/> loses one kind of a node's datagrams, <see cref="Remove"/> is a node
/// that died (nothing reaches it). A packet to an address no node lives at is recorded and dropped.
/// </remarks>
internal sealed class GossipNetwork(TimeProvider clock)
{
    /// <summary>Deliveries one <see cref="Deliver"/> may make before it is taken for a loop that never settles.</summary>
    private const int MaxDeliveries = 1_000_000;

    private readonly Dictionary<IPEndPoint, GossipNode> _nodes = [];
    private readonly Queue<InFlight> _inFlight = new();

    public TimeProvider Clock { get; } = clock;

    /// <summary>Addresses of the test networks (RFC 5737): nothing a test sends could leave this process anyway.</summary>
    public static IPEndPoint AddressOf(int index) => new(IPAddress.Parse($"192.0.2.{index + 1}"), 7947);

    /// <summary>A node id drawn from a generator seeded by the node's index: every run lays the ids out the same way.</summary>
    public static Guid IdOf(int index)
    {
        var bytes = new byte[16];
        new Random(1_000 + index).NextBytes(bytes);
        return new Guid(bytes);
    }

    /// <summary>
    /// Node number <paramref name="index"/>: named <c>n{index}</c>, at <see cref="AddressOf"/>, with an id and a
    /// random generator seeded by its index. Its record is held nowhere until it publishes.
    /// </summary>
    public GossipNode Add(int index, GossipOptions? options = null) => Add(
        AddressOf(index),
        options ?? new GossipOptions { Cluster = "test" },
        RecordSamples.Record(id: IdOf(index), name: $"n{index}") with { GossipAddress = AddressOf(index).ToString() },
        new Random(index));

    /// <summary>A node at <paramref name="address"/> whose engine runs as <paramref name="record"/>'s node.</summary>
    public GossipNode Add(IPEndPoint address, GossipOptions options, NodeRecord record, Random random)
    {
        var node = new GossipNode(this, address, options, record, random);
        _nodes.Add(address, node);
        return node;
    }

    /// <summary>A node <see cref="Remove"/>d comes back at <paramref name="address"/> (its process runs again).</summary>
    public void Add(IPEndPoint address, GossipNode node) => _nodes.Add(address, node);

    /// <summary>Nodes 0 to <paramref name="count"/> - 1, see <see cref="Add(int, GossipOptions?)"/>.</summary>
    public List<GossipNode> AddMany(int count, GossipOptions? options = null) => [.. Enumerable.Range(0, count).Select(i => Add(i, options))];

    /// <summary>A node that died: nothing reaches it any more, and what is on its way to it is lost.</summary>
    public void Remove(GossipNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _nodes.Remove(node.Address);
    }

    /// <summary>Takes the link between <paramref name="a"/> and <paramref name="b"/> down, both ways.</summary>
    public static void Cut(GossipNode a, GossipNode b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        a.Unreachable.Add(b.Address);
        b.Unreachable.Add(a.Address);
    }

    /// <summary>
    /// Delivers what is in flight, and what the receivers send in turn, until nothing is; in the order it
    /// was sent. Returns how many packets and streams it handed over (lost ones not counted).
    /// </summary>
    public int Deliver()
    {
        var handed = 0;
        for (var taken = 0; _inFlight.TryDequeue(out var next); taken++)
        {
            if (taken == MaxDeliveries)
            {
                throw new InvalidOperationException($"the network did not settle within {MaxDeliveries} deliveries");
            }

            if (!_nodes.TryGetValue(next.Target, out var target) || next.From.Unreachable.Contains(next.Target))
            {
                continue;
            }

            if (next.Frames is null)
            {
                if (!next.From.Loses.Contains(next.Kind))
                {
                    target.Engine.Receive(next.Packet, next.From.Address);
                    handed++;
                }

                continue;
            }

            // A stream goes through the agent's frame reader, and is counted as the agent's listener counts it.
            var reader = new StreamFrameReader();
            Assert.True(reader.Feed(StreamFrames.Join(next.Frames), target.Engine.ReceiveFrame));
            target.Counters.StreamIn();
            handed++;
        }

        return handed;
    }

    internal void Send(GossipNode from, IPEndPoint target, MessageKind kind, byte[] packet) =>
        _inFlight.Enqueue(new InFlight(from, target, kind, packet, null));

    /// <summary>Queues a stream; false when no node listens at <paramref name="target"/> or the link is down (the connection is refused).</summary>
    internal bool SendStream(GossipNode from, IPEndPoint target, MessageKind kind, IReadOnlyList<byte[]> frames)
    {
        if (!_nodes.ContainsKey(target) || from.Unreachable.Contains(target))
        {
            return false;
        }

        _inFlight.Enqueue(new InFlight(from, target, kind, [], frames));
        return true;
    }

    private sealed record InFlight(GossipNode From, IPEndPoint Target, MessageKind Kind, byte[] Packet, IReadOnlyList<byte[]>? Frames);
}
