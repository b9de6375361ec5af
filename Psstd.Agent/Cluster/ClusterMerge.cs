using Psstd.Agent.Gossip;

namespace Psstd.Agent.Cluster;

/// <summary>The one rule by which a received record changes what this agent holds.</summary>
public static class ClusterMerge
{
    /// <summary>
    /// Merges <paramref name="incoming"/> into the entry held for its node.
    /// <list type="number">
    /// <item>No entry yet: the record is taken, seen now.</item>
    /// <item>A greater (generation, sequence): the record replaces the held one whole, seen now.</item>
    /// <item>Otherwise the held entry stays, including its seen time, so a duplicate or a late relay
    /// never makes a node look fresher than it is.</item>
    /// </list>
    /// Pure. On records it is commutative and idempotent: whatever the arrival order and repetition,
    /// the held record ends as the greatest one received. Wall clocks play no part.
    /// </summary>
    public static (ClusterEntry Entry, MergeOutcome Outcome) Apply(ClusterEntry? held, NodeRecord incoming, long now)
    {
        ArgumentNullException.ThrowIfNull(incoming);
        if (held is not { } current)
        {
            return (new ClusterEntry(incoming, now), MergeOutcome.Joined);
        }

        return incoming.IsNewerThan(current.Record)
            ? (new ClusterEntry(incoming, now), MergeOutcome.Updated)
            : (current, MergeOutcome.Ignored);
    }
}
