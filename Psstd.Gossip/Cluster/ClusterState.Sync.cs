using Psstd.Contracts;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Cluster;

/// <summary>
/// What anti-entropy asks of the state: the nodes this agent vouches for (those it does not judge
/// offline, so a long-dead node is never handed on as if it were fresh), summarised or listed by
/// bucket, read straight from the slots.
/// </summary>
public sealed partial class ClusterState
{
    /// <summary>Fills <paramref name="into"/> (cleared first) with the summary of every node vouched for now.</summary>
    internal void Summarize(SyncSummary into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            foreach (var number in _order)
            {
                ref readonly var slot = ref _slots[number];
                if (Vouches(in slot, now))
                {
                    into.Add(slot.Version!.Bucket, slot.Version.Fingerprint);
                }
            }
        }
    }

    /// <summary>
    /// Fills <paramref name="into"/> (cleared first) with the versions vouched for now whose
    /// <see cref="SyncSummary.Bucket"/> is in <paramref name="buckets"/> (a bit mask), bucket by bucket,
    /// in join order within a bucket.
    /// </summary>
    internal void CollectVouched(ulong buckets, List<RecordVersion> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        if (buckets == 0)
        {
            return;
        }

        lock (_lock)
        {
            var now = _time.GetTimestamp();
            foreach (var number in _order)
            {
                ref readonly var slot = ref _slots[number];
                if ((buckets & (1UL << slot.Version!.Bucket)) != 0 && Vouches(in slot, now))
                {
                    into.Add(slot.Version);
                }
            }
        }

        SortByBucket(into);
    }

    /// <summary>A stable counting sort by bucket: join order is kept within a bucket.</summary>
    private static void SortByBucket(List<RecordVersion> versions)
    {
        Span<int> starts = stackalloc int[SyncSummary.Buckets + 1];
        foreach (var version in versions)
        {
            starts[version.Bucket + 1]++;
        }

        for (var b = 1; b <= SyncSummary.Buckets; b++)
        {
            starts[b] += starts[b - 1];
        }

        var sorted = new RecordVersion[versions.Count];
        foreach (var version in versions)
        {
            sorted[starts[version.Bucket]++] = version;
        }

        versions.Clear();
        versions.AddRange(sorted);
    }

    /// <summary>The version held for a node when this agent vouches for it now; null otherwise.</summary>
    internal RecordVersion? Vouched(Guid id)
    {
        lock (_lock)
        {
            return Held(id, out var number) && Vouches(in _slots[number], _time.GetTimestamp()) ? _slots[number].Version : null;
        }
    }

    /// <summary>Not judged offline. A left node always is (peers must hear of the leave); a tombstone, like any record, until its TTL passes.</summary>
    private bool Vouches(in ClusterSlot slot, long now)
    {
        var h = slot.Version!.Header;
        return NodeHealthJudge.Judge(_time.GetElapsedTime(slot.Seen, now), _limits.Ttl(h), h.Left, slot.Suspected) != NodeHealth.Offline;
    }
}
