namespace Psstd.Agent.Metrics.Linux;

/// <summary>Memory and swap figures from /proc/meminfo, in bytes.</summary>
internal readonly record struct MemoryInfo(long TotalBytes, long AvailableBytes, long SwapTotalBytes, long SwapFreeBytes)
{
    /// <summary>Total minus available, as free(1) and htop count it, never negative.</summary>
    public long UsedBytes => Math.Max(0, TotalBytes - AvailableBytes);

    public long SwapUsedBytes => Math.Max(0, SwapTotalBytes - SwapFreeBytes);
}
