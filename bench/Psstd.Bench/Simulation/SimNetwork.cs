using System.Buffers;
using System.Net;
using Psstd.Agent.Gossip.Wire;

namespace Psstd.Bench.Simulation;

/// <summary>
/// Datagrams between simulated nodes: delivered after a delay, lost with a probability, dropped between
/// the two sides of a partition. Addresses are only names here; nothing touches a real network.
/// </summary>
public sealed class SimNetwork(SimOptions options, Random random)
{
    private readonly Dictionary<IPEndPoint, SimNode> _nodes = [];

    /// <summary>When set, the side (0 or 1) of each node; packets across sides are dropped.</summary>
    public Func<SimNode, int>? Side { get; set; }

    public long Delivered { get; private set; }

    public long Lost { get; private set; }

    public void Attach(SimNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _nodes.Add(node.Address, node);
    }

    public void Send(SimNode from, IPEndPoint to, ReadOnlySpan<byte> packet, SimScheduler events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!_nodes.TryGetValue(to, out var target) || (options.Loss > 0 && random.NextDouble() < options.Loss)
            || (Side is { } side && side(from) != side(target)))
        {
            Lost++;
            return;
        }

        Delivered++;
        var copy = ArrayPool<byte>.Shared.Rent(packet.Length); // back to the pool once delivered: no garbage per datagram
        packet.CopyTo(copy);
        var length = packet.Length;
        events.At(events.Now + options.Delay.Ticks, () =>
        {
            target.Deliver(copy.AsSpan(0, length), from.Address);
            ArrayPool<byte>.Shared.Return(copy);
        });
    }

    /// <summary>
    /// An in-memory stream: the frames as the agent's TCP client writes them, arriving together after a
    /// handshake and the data (three one-way delays), cut into frames by the agent's own reader. Streams
    /// are reliable (TCP retransmits); a partition or a dead peer refuses them.
    /// </summary>
    public void SendStream(SimNode from, IPEndPoint to, IReadOnlyList<byte[]> packets, SimScheduler events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!_nodes.TryGetValue(to, out var target) || (Side is { } side && side(from) != side(target)))
        {
            Lost++;
            return;
        }

        Streams++;
        var stream = StreamFrames.Join(packets);
        events.At(events.Now + (3 * options.Delay.Ticks), () => target.DeliverStream(stream));
    }

    public long Streams { get; private set; }
}
