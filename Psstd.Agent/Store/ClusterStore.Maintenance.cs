using Microsoft.Data.Sqlite;

namespace Psstd.Agent.Store;

/// <summary>Keeping the store within its promises: the raw hour, one-minute points after it, retention and the size limit.</summary>
internal sealed partial class ClusterStore
{
    /// <summary>
    /// Averages raw history older than <see cref="StoreSchema.RawWindow"/> into one-minute rows, drops
    /// history and events older than <paramref name="retention"/> and events beyond
    /// <see cref="StoreSchema.MaxEvents"/>. Only whole minutes are thinned, so each minute is averaged once;
    /// the average replaces a raw row that happens to sit on the minute's first millisecond (SQLite reads the
    /// whole SELECT before it inserts).
    /// Last, when the pages in use exceed <paramref name="maxBytes"/>, the oldest history of every node is
    /// dropped until they fit (see <see cref="Trim"/>).
    /// </summary>
    /// <returns>Rows of history dropped to fit <paramref name="maxBytes"/>.</returns>
    public long Maintain(DateTimeOffset now, TimeSpan retention, long maxBytes = long.MaxValue)
    {
        var bucket = (long)StoreSchema.ThinnedResolution.TotalMilliseconds;
        var thinBefore = (now - StoreSchema.RawWindow).ToUnixTimeMilliseconds() / bucket * bucket;
        var dropBefore = (now - retention).ToUnixTimeMilliseconds();
        using var transaction = _writer.BeginTransaction();
        using var thin = Command(transaction, """
            INSERT OR REPLACE INTO history
            SELECT node_id, at / $bucket * $bucket, $bucket,
                   CAST(round(avg(cpu)) AS INTEGER), CAST(round(avg(cpu_max)) AS INTEGER),
                   CAST(round(avg(mem_used)) AS INTEGER), CAST(round(avg(mem_total)) AS INTEGER), CAST(round(avg(swap_used)) AS INTEGER),
                   CAST(round(avg(load1)) AS INTEGER), CAST(round(avg(load5)) AS INTEGER), CAST(round(avg(load15)) AS INTEGER),
                   CAST(round(avg(disk_read)) AS INTEGER), CAST(round(avg(disk_write)) AS INTEGER),
                   CAST(round(avg(net_rx)) AS INTEGER), CAST(round(avg(net_tx)) AS INTEGER)
            FROM history WHERE node_id = $id AND at < $before AND span_ms = 0
            GROUP BY at / $bucket;
            DELETE FROM history WHERE node_id = $id AND at < $before AND span_ms = 0;
            DELETE FROM history WHERE node_id = $id AND at < $drop;
            """);
        var id = thin.Parameters.Add("$id", SqliteType.Blob);
        thin.Parameters.AddWithValue("$bucket", bucket);
        thin.Parameters.AddWithValue("$before", thinBefore);
        thin.Parameters.AddWithValue("$drop", dropBefore);
        foreach (var node in NodeIds(transaction))
        {
            id.Value = node;
            thin.ExecuteNonQuery();
        }

        using var events = Command(transaction, """
            DELETE FROM events WHERE at < $drop;
            DELETE FROM events WHERE seq <= (SELECT max(seq) FROM events) - $max;
            """);
        events.Parameters.AddWithValue("$drop", dropBefore);
        events.Parameters.AddWithValue("$max", StoreSchema.MaxEvents);
        events.ExecuteNonQuery();
        var trimmed = Trim(transaction, maxBytes);
        transaction.Commit();
        return trimmed;
    }

    /// <summary>
    /// Drops each node's oldest history, the same share of its time span for every node, until the pages in
    /// use fit <paramref name="maxBytes"/> with a tenth to spare (so trimming does not run every minute).
    /// Old history is sparse (a row a minute), so a round may free less than its share: it repeats a few times.
    /// </summary>
    private long Trim(SqliteTransaction transaction, long maxBytes)
    {
        var dropped = 0L;
        for (var round = 0; round < 8; round++)
        {
            var used = StoreFile.UsedBytes(_writer, transaction);
            if (used <= maxBytes)
            {
                return dropped;
            }

            var share = Math.Clamp((used - (maxBytes * 0.9)) / used, 0.05, 1.0);
            using var trim = Command(transaction, """
                DELETE FROM history WHERE node_id = $id AND at < (
                    SELECT min(at) + CAST((max(at) - min(at)) * $share AS INTEGER) + 1 FROM history WHERE node_id = $id)
                """);
            var id = trim.Parameters.Add("$id", SqliteType.Blob);
            trim.Parameters.AddWithValue("$share", share);
            foreach (var node in NodeIds(transaction))
            {
                id.Value = node;
                dropped += trim.ExecuteNonQuery();
            }
        }

        return dropped;
    }
}
