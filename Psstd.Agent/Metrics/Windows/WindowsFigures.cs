using Psstd.Contracts;

namespace Psstd.Agent.Metrics.Windows;

/// <summary>Turns the numbers Windows reports into the node record's meaning of them.</summary>
internal static class WindowsFigures
{
    /// <summary>
    /// Memory and swap. Available is MEMORYSTATUSEX's ullAvailPhys (free, zeroed and standby pages: what
    /// can be handed out without paging, the meaning of Linux's MemAvailable); used is total minus that.
    /// Swap is the page files' own size and use, in pages of <paramref name="pageSize"/> bytes.
    /// </summary>
    public static NodeMetrics WithMemory(NodeMetrics metrics, MemoryStatusEx status, (long TotalPages, long UsedPages) pageFiles, long pageSize)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        long total = ToLong(status.TotalPhys);
        long available = Math.Min(total, ToLong(status.AvailPhys));
        return metrics with
        {
            MemoryTotalBytes = total,
            MemoryAvailableBytes = available,
            MemoryUsedBytes = total - available,
            SwapTotalBytes = pageFiles.TotalPages * pageSize,
            SwapUsedBytes = Math.Min(pageFiles.UsedPages, pageFiles.TotalPages) * pageSize,
        };
    }

    /// <summary>
    /// Threads ready or running right now, the quantity Linux averages into its load. The processor
    /// queue length counts only the ready threads waiting for a core; the threads running on cores are
    /// added as the number of cores busy over the interval, so a machine saturated with exactly one
    /// thread per core reads the core count, as it does on Linux.
    /// </summary>
    public static double Runnable(long queueLength, double machineBusyPercent, int cores) =>
        Math.Max(0, queueLength) + (Math.Clamp(machineBusyPercent, 0, 100) / 100 * Math.Max(0, cores));

    private static long ToLong(ulong bytes) => bytes > long.MaxValue ? long.MaxValue : (long)bytes;
}
