namespace Psstd.Gossip.Engine;

/// <summary>
/// Which intervals publish a new version: every one while the cluster fits the budget, every
/// <see cref="GossipPace.Stride"/>-th past it. One per publishing node: the agent's heartbeat, and each
/// simulated node, so the simulator paces exactly as the agent does.
/// </summary>
public sealed class PublishPace(TimeSpan interval, int budgetBytesPerSecond)
{
    private int _skipped;
    private int _recordBytes;

    /// <summary>Intervals the last published version covers (its interval and TTL are stretched this many times); 1 before the first.</summary>
    public int Stride { get; private set; } = 1;

    /// <summary>
    /// Called once per interval with the cluster size known now: whether this interval publishes. A
    /// growing cluster lengthens the stride, but only from the next version on: the one out now promised
    /// its interval, and peers would take a longer wait for silence and probe the node.
    /// </summary>
    public bool Due(int nodes)
    {
        var stride = GossipPace.Stride(nodes, _recordBytes, interval, budgetBytesPerSecond);
        if (++_skipped < Math.Min(stride, Stride))
        {
            return false;
        }

        _skipped = 0;
        Stride = stride;
        return true;
    }

    /// <summary>The size of the version just published: the next stride is worked out from it.</summary>
    public void Published(int recordBytes) => _recordBytes = recordBytes;
}
