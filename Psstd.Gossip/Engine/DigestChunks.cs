using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

/// <summary>
/// Splits a digest too large for a datagram into stream frames of whole buckets, so each frame is a digest
/// of its own (its mask names exactly the buckets it lists).
/// </summary>
internal static class DigestChunks
{
    /// <summary>
    /// Consecutive runs of <paramref name="entries"/> (sorted by bucket) whose entries take at most
    /// <paramref name="room"/> bytes, never splitting a bucket; a bucket larger than the room is a run alone.
    /// </summary>
    public static IEnumerable<(ulong Mask, int Start, int End)> Split(IReadOnlyList<DigestEntry> entries, int room)
    {
        var start = 0;
        while (start < entries.Count)
        {
            ulong mask = 0;
            var used = 0;
            var end = start;
            while (end < entries.Count)
            {
                var bucket = SyncSummary.Bucket(entries[end].Id);
                var bucketEnd = end;
                var bucketBytes = 0;
                while (bucketEnd < entries.Count && SyncSummary.Bucket(entries[bucketEnd].Id) == bucket)
                {
                    bucketBytes += SyncMessages.EntryBytes(entries[bucketEnd]);
                    bucketEnd++;
                }

                if (used + bucketBytes > room && used > 0)
                {
                    break;
                }

                mask |= 1UL << bucket;
                used += bucketBytes;
                end = bucketEnd;
            }

            yield return (mask, start, end);
            start = end;
        }
    }

    /// <summary>The buckets of <paramref name="mask"/> in which <paramref name="entries"/> list nobody.</summary>
    public static ulong Empty(ulong mask, IReadOnlyList<DigestEntry> entries)
    {
        foreach (var entry in entries)
        {
            mask &= ~(1UL << SyncSummary.Bucket(entry.Id));
        }

        return mask;
    }
}
