namespace Psstd.Contracts;

/// <summary>
/// One sample of a machine, as the probe measures it, gossip carries it and the local API serves it.
/// </summary>
/// <remarks>
/// Rates are averages over the whole sampling interval (deltas of cumulative kernel counters), never
/// instantaneous readings. Percentages are 0 to 100. A metric the platform cannot read is 0; the agent
/// says at start which ones those are.
/// </remarks>
public sealed record NodeMetrics
{
    /// <summary>Logical cores online, as /proc/stat lists them.</summary>
    public int LogicalCores { get; init; }

    /// <summary>Busy % of each logical core over the last interval, in core order.</summary>
    public IReadOnlyList<double> CoreBusyPercent { get; init; } = [];

    /// <summary>Busy % of the whole machine over the last interval.</summary>
    public double CpuBusyPercent { get; init; }

    public long MemoryTotalBytes { get; init; }
    public long MemoryUsedBytes { get; init; }
    public long MemoryAvailableBytes { get; init; }
    public long SwapTotalBytes { get; init; }
    public long SwapUsedBytes { get; init; }
    public double Load1 { get; init; }
    public double Load5 { get; init; }
    public double Load15 { get; init; }
    public long UptimeSeconds { get; init; }
    public long RootFsTotalBytes { get; init; }
    public long RootFsUsedBytes { get; init; }
    public long DiskReadBytesPerSecond { get; init; }
    public long DiskWriteBytesPerSecond { get; init; }
    public long NetRxBytesPerSecond { get; init; }
    public long NetTxBytesPerSecond { get; init; }
    public int ProcessCount { get; init; }

    /// <summary>
    /// Where the machine's CPU time went over the last interval; null from a platform or an older agent that does
    /// not report it.
    /// </summary>
    public CpuShares? CpuShares { get; init; }

    /// <summary>
    /// Kernel share (system, irq and softirq) of each core's time over the last interval, in core order; empty when not
    /// reported (an older agent, a platform without it, or a machine too large for the record's budget).
    /// </summary>
    public IReadOnlyList<double> CoreKernelPercent { get; init; } = [];

    /// <summary>Memory the kernel holds as buffers and reclaimable cache (htop's cache band); null when not reported.</summary>
    public long? MemoryCacheBytes { get; init; }

    /// <summary>No sample yet: every value zero.</summary>
    public static NodeMetrics Empty { get; } = new();
}
