namespace Psstd.Agent.Metrics.Linux;

/// <summary>Memory and swap figures from /proc/meminfo, in bytes.</summary>
/// <param name="CacheBytes">Buffers and page cache the kernel can give back (htop's cache band: shared memory excluded).</param>
internal readonly record struct MemoryInfo(long TotalBytes, long AvailableBytes, long SwapTotalBytes, long SwapFreeBytes, long CacheBytes = 0)
{
    /// <summary>Total minus available, as free(1) and htop count it, never negative.</summary>
    public long UsedBytes => Math.Max(0, TotalBytes - AvailableBytes);

    public long SwapUsedBytes => Math.Max(0, SwapTotalBytes - SwapFreeBytes);
}
