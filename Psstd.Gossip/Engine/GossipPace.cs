namespace Psstd.Gossip.Engine;

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
    /// Intervals between two published versions: 1 while <paramref name="nodes"/> records of
    /// <paramref name="recordBytes"/>, each received <see cref="Duplication"/> times, fit
    /// <paramref name="budgetBytesPerSecond"/>; past it, the smallest whole number at which they fit
    /// <see cref="PacedRelayShare"/> of it.
    /// </summary>
    public static int Stride(int nodes, int recordBytes, TimeSpan interval, int budgetBytesPerSecond)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(budgetBytesPerSecond);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(interval, TimeSpan.Zero);
        var load = nodes * (double)recordBytes * Duplication / interval.TotalSeconds / budgetBytesPerSecond;
        return load <= 1 ? 1 : (int)Math.Ceiling(load / PacedRelayShare);
    }

    /// <summary>
    /// The share of the budget the relay is sized to once the cluster is paced. Unpaced, a version the
    /// relay misses is replaced by the next one an interval later. Paced, it is repaired: the observer
    /// probes the silent node and the ack brings its record, at about the relay's own cost per record.
    /// At 2,500 nodes on a 64 KiB/s budget (the same stride as 10,000 on 256 KiB/s) those pings and acks
    /// were 19 % of the bytes (45 % in the 15 s after a 10 s rollout). Sized to the whole budget, the relay
    /// was cut in 40 % of rounds, which missed more versions and started more probes.
    /// </summary>
    public const double PacedRelayShare = 0.75;

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
