using Psstd.Agent.Gossip;

namespace Psstd.Agent.Cluster;

/// <summary>
/// The cluster as this agent knows it, in memory. Gossip and the heartbeat write through
/// <see cref="Merge"/>; readers take a copy. One short lock: the map is small and writes are rare
/// (one per record per interval).
/// </summary>
public sealed class ClusterState(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, ClusterEntry> _entries = [];

    public MergeOutcome Merge(NodeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var now = time.GetTimestamp();
        lock (_lock)
        {
            ClusterEntry? held = _entries.TryGetValue(record.Id, out var entry) ? entry : null;
            var (merged, outcome) = ClusterMerge.Apply(held, record, now);
            if (outcome != MergeOutcome.Ignored)
            {
                _entries[record.Id] = merged;
            }

            return outcome;
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public IReadOnlyList<ClusterEntry> Entries()
    {
        lock (_lock)
        {
            return [.. _entries.Values];
        }
    }
}
