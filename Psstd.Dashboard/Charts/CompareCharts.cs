using Psstd.Contracts;
using Psstd.Dashboard.Formatting;

namespace Psstd.Dashboard.Charts;

/// <summary>
/// The compare page's charts: one per metric, one line per node on the same axes (key <c>n0</c>, <c>n1</c>, ... in the
/// order given, which picks its colour). Pure.
/// </summary>
public static class CompareCharts
{
    /// <summary>Taller than the node page's sparklines: up to eight lines share each chart.</summary>
    public const double Height = 80;

    /// <summary>One node's line: its current metrics (the value shown by the legend) and its history (empty when unknown).</summary>
    public sealed record NodeLine(string Name, NodeMetrics Current, IReadOnlyList<HistoryPoint> Points);

    public static IReadOnlyList<ChartViewModel> Build(
        IReadOnlyList<NodeLine> nodes, DateTimeOffset since, DateTimeOffset until, double resolutionSeconds, string startLabel)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(startLabel);
        var grid = ChartGrid.Of(since, until, resolutionSeconds, Preferences.HistoryRange.MaxPoints);
        var all = nodes.SelectMany(n => n.Points).ToArray();
        var loadMax = NodeCharts.LoadScale(all, p => p.Load1);
        var netMax = NodeCharts.NiceRate(Math.Max(NodeCharts.Max(all, p => p.NetRxBytesPerSecond), NodeCharts.Max(all, p => p.NetTxBytesPerSecond)));
        var diskMax = NodeCharts.NiceRate(Math.Max(NodeCharts.Max(all, p => p.DiskReadBytesPerSecond), NodeCharts.Max(all, p => p.DiskWriteBytesPerSecond)));

        ChartViewModel Chart(string id, string title, double max, string maxLabel, ChartUnit unit, Func<HistoryPoint, double> value, Func<NodeMetrics, string> now) =>
            ChartBuilder.Chart(grid, id, title, max, maxLabel, "0", startLabel, unit,
                nodes.Select((n, i) => new ChartBuilder.Line($"n{i}", n.Name, grid.Average(n.Points, value), now(n.Current))).ToArray(),
                Height);

        return
        [
            Chart("cpu", "CPU", 100, "100%", ChartUnit.Percent, p => p.CpuBusyPercent, m => $"{Format.Percent(m.CpuBusyPercent)}%"),
            Chart("mem", "Memory used", 100, "100%", ChartUnit.Percent, NodeCharts.MemoryPercent,
                m => $"{Format.Percent(m.MemoryTotalBytes > 0 ? 100.0 * m.MemoryUsedBytes / m.MemoryTotalBytes : 0)}%"),
            Chart("load", "Load (1 min)", loadMax, NodeCharts.LoadText(loadMax), ChartUnit.Load, p => p.Load1, m => NodeCharts.LoadText(m.Load1)),
            Chart("net-rx", "Network receive", netMax, Format.Rate((long)netMax), ChartUnit.Rate, p => p.NetRxBytesPerSecond, m => Format.Rate(m.NetRxBytesPerSecond)),
            Chart("net-tx", "Network transmit", netMax, Format.Rate((long)netMax), ChartUnit.Rate, p => p.NetTxBytesPerSecond, m => Format.Rate(m.NetTxBytesPerSecond)),
            Chart("disk-read", "Disk read", diskMax, Format.Rate((long)diskMax), ChartUnit.Rate, p => p.DiskReadBytesPerSecond, m => Format.Rate(m.DiskReadBytesPerSecond)),
            Chart("disk-write", "Disk write", diskMax, Format.Rate((long)diskMax), ChartUnit.Rate, p => p.DiskWriteBytesPerSecond, m => Format.Rate(m.DiskWriteBytesPerSecond)),
        ];
    }
}
