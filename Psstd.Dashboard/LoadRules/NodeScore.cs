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
        var cores = Math.Max(1, Math.Max(metrics.LogicalCores, metrics.CoreBusyPercent?.Count ?? 0));
        var cpu = double.IsFinite(metrics.CpuBusyPercent) ? Math.Max(0, metrics.CpuBusyPercent) : 0;
        var load = double.IsFinite(metrics.Load1) ? Math.Max(0, 100 * metrics.Load1 / cores) : 0;
        return Math.Max(cpu, load);
    }
}
