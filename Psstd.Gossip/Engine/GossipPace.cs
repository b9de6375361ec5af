namespace Psstd.Gossip.Engine;

/// <summary>
/// How often a node publishes a new version of its record, so that every node's records together fit
/// every node's bandwidth budget. Past the budget, full replication every interval would make the relay
/// drop versions more or less at random, and a healthy node could miss a peer for longer than its TTL.
/// Instead every node publishes every <see cref="Stride"/> intervals and says so in its record (interval
/// and TTL stretched as many times): freshness degrades evenly, by a known factor (see docs/gossip.md).
/// </summary>
public static class GossipPace
{
    /// <summary>
    /// Bytes a node receives per byte of records new to it, at the default relay fanout, as the simulator
    /// measures it (bench/RESULTS.md).
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
    /// relay misses is replaced by the next one an interval later; paced, it is repaired by a probe whose
    /// ack brings the record, and those pings and acks need the rest of the budget (sized to all of it, the
    /// relay crowded them out and missed more versions; see docs/gossip.md).
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
