namespace Psstd.Contracts;

/// <summary>One node's history over a time range: the body of <see cref="LocalApiRoutes.NodeHistory"/>.</summary>
/// <param name="ResolutionSeconds">Spacing of the points actually served (averaged into buckets of this size).</param>
/// <param name="Points">Oldest first.</param>
public sealed record NodeHistory(
    Guid Id,
    string Name,
    DateTimeOffset Since,
    DateTimeOffset Until,
    double ResolutionSeconds,
    IReadOnlyList<HistoryPoint> Points);

/// <summary>
/// One point of a node's history. <see cref="At"/> is the local agent's wall clock when it stored the
/// sample: for display and export only, never for judging freshness.
/// </summary>
public sealed record HistoryPoint(
    DateTimeOffset At,
    double CpuBusyPercent,
    double CpuMaxCorePercent,
    long MemoryUsedBytes,
    long MemoryTotalBytes,
    long SwapUsedBytes,
    double Load1,
    double Load5,
    double Load15,
    long DiskReadBytesPerSecond,
    long DiskWriteBytesPerSecond,
    long NetRxBytesPerSecond,
    long NetTxBytesPerSecond);
