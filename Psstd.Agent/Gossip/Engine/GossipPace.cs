namespace Psstd.Agent.Gossip.Engine;

/// <summary>
/// How often a node publishes a new version of its record, so that every node's records together fit
/// every node's bandwidth budget. Up to about 1,000 nodes (131-byte records, 256 KB/s) that is every
/// interval. Past it, full replication every interval does not fit: the relay would drop versions more or
/// less at random, and some node's versions would miss some peer for longer than its TTL (a healthy node
/// shown offline). Instead every node publishes every <see cref="Stride"/> intervals and says so in its
/// record (interval and TTL stretched as many times): freshness degrades evenly, by a known factor,
/// and health is judged against the stretched TTL.
/// </summary>
public static class GossipPace
{
    /// <summary>
    /// Bytes a node receives per byte of records new to it, at the default relay fanout (2.2): the
    /// simulator measures 1.8-1.95 (bench/RESULTS.md).
    /// </summary>
    public const double Duplication = 1.9;

    /// <summary>
    /// Intervals between two published versions: the smallest whole number at which
    /// <paramref name="nodes"/> records of <paramref name="recordBytes"/>, each received
    /// <see cref="Duplication"/> times, fit <paramref name="budgetBytesPerSecond"/>.
    /// </summary>
    public static int Stride(int nodes, int recordBytes, TimeSpan interval, int budgetBytesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budgetBytesPerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        var needed = nodes * (double)recordBytes * Duplication / interval.TotalSeconds;
        return Math.Max(1, (int)Math.Ceiling(needed / budgetBytesPerSecond));
    }

    /// <summary>
    /// The stride a record was published under: its declared interval over the configured one (the
    /// heartbeat stretches the interval that many times); 1 for an unstretched record.
    /// </summary>
    public static int StrideOf(TimeSpan declared, TimeSpan configured)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(configured, TimeSpan.Zero);
        return Math.Max(1, (int)Math.Round(declared / configured));
    }
}
