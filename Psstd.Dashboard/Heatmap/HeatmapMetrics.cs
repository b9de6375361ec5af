using Psstd.Contracts;

namespace Psstd.Dashboard.Heatmap;

/// <summary>The metrics' URL tokens, labels and values, and the buckets that colour a square. Pure.</summary>
public static class HeatmapMetrics
{
    /// <summary>Ten colour buckets of 10 % each; 100 % goes in the last.</summary>
    public const int Buckets = 10;

    /// <summary>The bucket of a square whose node does not report the metric (no swap, no size yet).</summary>
    public const int NoValue = -1;

    public static IReadOnlyList<HeatmapMetric> All { get; } = Enum.GetValues<HeatmapMetric>();

    public static string Token(HeatmapMetric metric) => metric switch
    {
        HeatmapMetric.Cpu => "cpu",
        HeatmapMetric.Memory => "mem",
        HeatmapMetric.Load => "load",
        HeatmapMetric.Disk => "disk",
        _ => "swap",
    };

    public static string Label(HeatmapMetric metric) => metric switch
    {
        HeatmapMetric.Cpu => "CPU",
        HeatmapMetric.Memory => "memory",
        HeatmapMetric.Load => "load per core",
        HeatmapMetric.Disk => "root fs use",
        _ => "swap",
    };

    /// <summary>The metric as a percentage (load: 100 x load1 per core, which may pass 100); null when not reported.</summary>
    public static double? Percent(NodeMetrics metrics, HeatmapMetric metric)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return metric switch
        {
            HeatmapMetric.Cpu => metrics.CpuBusyPercent,
            HeatmapMetric.Memory => Share(metrics.MemoryUsedBytes, metrics.MemoryTotalBytes),
            HeatmapMetric.Load => metrics.LogicalCores > 0 ? 100 * metrics.Load1 / metrics.LogicalCores : null,
            HeatmapMetric.Disk => Share(metrics.RootFsUsedBytes, metrics.RootFsTotalBytes),
            _ => Share(metrics.SwapUsedBytes, metrics.SwapTotalBytes),
        };
    }

    /// <summary>0 for [0, 10) %, 1 for [10, 20) %, ... 9 for 90 % and above; <see cref="NoValue"/> for none or not a number.</summary>
    public static int Bucket(double? percent)
    {
        if (percent is not { } value || !double.IsFinite(value))
        {
            return NoValue;
        }

        return Math.Clamp((int)Math.Floor(value / 10), 0, Buckets - 1);
    }

    public static int Bucket(NodeMetrics metrics, HeatmapMetric metric) => Bucket(Percent(metrics, metric));

    private static double? Share(long used, long total) => total > 0 ? 100.0 * used / total : null;
}
