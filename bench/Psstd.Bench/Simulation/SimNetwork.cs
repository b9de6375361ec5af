using System.Net;

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
        var copy = packet.ToArray();
        events.At(events.Now + options.Delay.Ticks, () => target.Deliver(copy, from.Address));
    }
}
