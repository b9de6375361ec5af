using Psstd.Contracts;

namespace Psstd.Dashboard.LoadRules;

/// <summary>How busy a node is, normalised per core so a 2-core and a 128-core host compare fairly.</summary>
public static class NodeScore
{
    /// <summary>
    /// max(CPU busy %, 100 x load1 / cores): CPU catches a saturated machine, load catches one whose run
    /// queue (or I/O wait) is long even when the CPU average looks modest. 100 means "fully used".
    /// </summary>
    public static double Of(NodeMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var cpu = double.IsFinite(metrics.CpuBusyPercent) ? Math.Max(0, metrics.CpuBusyPercent) : 0;
        return Math.Max(cpu, 100 * LoadPerCore(metrics));
    }

    /// <summary>The 1-minute load divided by the logical cores; 0 for a missing or impossible value.</summary>
    public static double LoadPerCore(NodeMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var cores = Math.Max(1, Math.Max(metrics.LogicalCores, metrics.CoreBusyPercent?.Count ?? 0));
        return double.IsFinite(metrics.Load1) ? Math.Max(0, metrics.Load1) / cores : 0;
    }

    /// <summary>What the page says the ranking means, where it names the busiest and the quietest node.</summary>
    public const string Explanation =
        "Ranked by the larger of CPU busy % and 100 x load per core: the same score a busy dashboard uses to hand your browser to a quieter peer.";
}
