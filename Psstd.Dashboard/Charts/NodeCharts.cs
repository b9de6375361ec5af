using System.Globalization;
using Psstd.Contracts;
using Psstd.Dashboard.Formatting;

namespace Psstd.Dashboard.Charts;

/// <summary>The node page's sparklines from a node's history. Pure: same history and window, same charts.</summary>
public static class NodeCharts
{
    public const double Width = ChartBuilder.Width;
    public const double Height = ChartBuilder.Height;

    /// <summary>
    /// CPU (average and busiest core), memory, load 1/5/15, network rx/tx and disk read/write over
    /// [<paramref name="since"/>, <paramref name="until"/>]. Current values come from <paramref name="current"/>,
    /// the live sample, so the charts' labels agree with the rest of the page.
    /// </summary>
    /// <param name="resolutionSeconds">
    /// Spacing of the history's points: the charts' cells (see <see cref="ChartGrid"/>), widened so no series has more
    /// than <see cref="Preferences.HistoryRange.MaxPoints"/>. An empty cell breaks the line.
    /// </param>
    /// <param name="startLabel">The left edge's label, e.g. <c>-24h</c>; by default the window's length.</param>
    public static IReadOnlyList<ChartViewModel> Build(
        IReadOnlyList<HistoryPoint> points, DateTimeOffset since, DateTimeOffset until, double resolutionSeconds, NodeMetrics current,
        string? startLabel = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(current);
        var grid = ChartGrid.Of(since, until, resolutionSeconds, Preferences.HistoryRange.MaxPoints);
        var window = new Window(points, grid, startLabel ?? StartLabel(grid.SpanSeconds));

        var memPercent = current.MemoryTotalBytes > 0 ? 100.0 * current.MemoryUsedBytes / current.MemoryTotalBytes : 0;
        var maxCore = current.CoreBusyPercent is { Count: > 0 } cores ? cores.Max() : current.CpuBusyPercent;
        var loadMax = LoadScale(points, p => p.Load1, p => p.Load5, p => p.Load15);
        var netMax = NiceRate(Math.Max(Max(points, p => p.NetRxBytesPerSecond), Max(points, p => p.NetTxBytesPerSecond)));
        var diskMax = NiceRate(Math.Max(Max(points, p => p.DiskReadBytesPerSecond), Max(points, p => p.DiskWriteBytesPerSecond)));
        return
        [
            window.Chart("cpu", "CPU", 100, "100%", "0%", ChartUnit.Percent,
                new SeriesSpec("avg", "average", p => p.CpuBusyPercent, $"{Format.Percent(current.CpuBusyPercent)}%"),
                new SeriesSpec("max", "busiest core", p => p.CpuMaxCorePercent, $"{Format.Percent(maxCore)}%")),
            window.Chart("mem", "Memory", 100, "100%", "0%", ChartUnit.Percent,
                new SeriesSpec("used", "used", MemoryPercent,
                    $"{Format.Percent(memPercent)}% ({Format.Bytes(current.MemoryUsedBytes)} / {Format.Bytes(current.MemoryTotalBytes)})")),
            window.Chart("load", "Load", loadMax, LoadText(loadMax), "0", ChartUnit.Load,
                new SeriesSpec("l1", "1 min", p => p.Load1, LoadText(current.Load1)),
                new SeriesSpec("l5", "5 min", p => p.Load5, LoadText(current.Load5)),
                new SeriesSpec("l15", "15 min", p => p.Load15, LoadText(current.Load15))),
            window.Chart("net", "Network", netMax, Format.Rate((long)netMax), "0", ChartUnit.Rate,
                new SeriesSpec("rx", "receive", p => p.NetRxBytesPerSecond, Format.Rate(current.NetRxBytesPerSecond)),
                new SeriesSpec("tx", "transmit", p => p.NetTxBytesPerSecond, Format.Rate(current.NetTxBytesPerSecond))),
            window.Chart("disk", "Disk", diskMax, Format.Rate((long)diskMax), "0", ChartUnit.Rate,
                new SeriesSpec("read", "read", p => p.DiskReadBytesPerSecond, Format.Rate(current.DiskReadBytesPerSecond)),
                new SeriesSpec("write", "write", p => p.DiskWriteBytesPerSecond, Format.Rate(current.DiskWriteBytesPerSecond))),
        ];
    }

    /// <summary>Memory in use as a share of the total; NaN for a point without a total.</summary>
    public static double MemoryPercent(HistoryPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return point.MemoryTotalBytes > 0 ? 100.0 * point.MemoryUsedBytes / point.MemoryTotalBytes : double.NaN;
    }

    /// <summary><c>-1h</c>, <c>-6h</c>, <c>-24h</c>: hours up to a day, the coarse duration beyond.</summary>
    public static string StartLabel(double spanSeconds) =>
        spanSeconds is >= 3600 and <= 86400 && spanSeconds % 3600 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"-{spanSeconds / 3600:0}h")
            : $"-{Format.Coarse(spanSeconds)}";

    /// <summary>A load scale that fits every given load series: at least 1, rounded up to 1, 2 or 5.</summary>
    public static double LoadScale(IReadOnlyList<HistoryPoint> points, params Func<HistoryPoint, double>[] loads)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(loads);
        var max = 1.0;
        foreach (var load in loads)
        {
            max = Math.Max(max, Max(points, load));
        }

        return NiceUp(max);
    }

    /// <summary>The smallest of 1, 2 or 5 times a power of ten that is at least <paramref name="value"/>.</summary>
    public static double NiceUp(double value)
    {
        if (!double.IsFinite(value) || value <= 0)
        {
            return 1;
        }

        var power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (var step in (ReadOnlySpan<double>)[1, 2, 5, 10])
        {
            // A hair of tolerance: 3.0000000001 from floating-point noise should not jump to the next step.
            if (value <= step * power * (1 + 1e-9))
            {
                return step * power;
            }
        }

        return 10 * power;
    }

    /// <summary>A rate scale in whole binary units: 1, 2 or 5 (times ten) KiB/s, MiB/s, ...; at least 1 KiB/s.</summary>
    public static double NiceRate(double bytesPerSecond)
    {
        var unit = 1024.0;
        while (bytesPerSecond / unit >= 1000 && unit < Math.Pow(1024, 5))
        {
            unit *= 1024;
        }

        return NiceUp(Math.Max(1, bytesPerSecond / unit)) * unit;
    }

    public static string LoadText(double load) => double.IsFinite(load) ? load.ToString("0.00", CultureInfo.InvariantCulture) : "0.00";

    /// <summary>The largest finite value of <paramref name="value"/> over the points, at least 0.</summary>
    public static double Max(IReadOnlyList<HistoryPoint> points, Func<HistoryPoint, double> value)
    {
        var max = 0.0;
        foreach (var point in points)
        {
            var v = value(point);
            if (double.IsFinite(v) && v > max)
            {
                max = v;
            }
        }

        return max;
    }

    private sealed record SeriesSpec(string Key, string Label, Func<HistoryPoint, double> Value, string CurrentText);

    private sealed record Window(IReadOnlyList<HistoryPoint> Points, ChartGrid Grid, string StartLabel)
    {
        public ChartViewModel Chart(string id, string title, double max, string maxLabel, string minLabel, ChartUnit unit, params SeriesSpec[] specs) =>
            ChartBuilder.Chart(Grid, id, title, max, maxLabel, minLabel, StartLabel, unit,
                specs.Select(spec => new ChartBuilder.Line(spec.Key, spec.Label, Grid.Average(Points, spec.Value), spec.CurrentText)).ToArray());
    }
}
