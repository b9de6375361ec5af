using System.Globalization;
using Psstd.Contracts;
using Psstd.Dashboard.Formatting;

namespace Psstd.Dashboard.Charts;

/// <summary>The node page's sparklines from a node's history. Pure: same history and window, same charts.</summary>
public static class NodeCharts
{
    public const double Width = 300;
    public const double Height = 40;

    /// <summary>
    /// CPU (average and busiest core), memory, load 1/5/15, network rx/tx and disk read/write over
    /// [<paramref name="since"/>, <paramref name="until"/>]. Current values come from <paramref name="current"/>,
    /// the live sample, so the charts' labels agree with the rest of the page.
    /// </summary>
    /// <param name="resolutionSeconds">Spacing of the history's points; a missing point or more breaks the line.</param>
    public static IReadOnlyList<ChartViewModel> Build(
        IReadOnlyList<HistoryPoint> points, DateTimeOffset since, DateTimeOffset until, double resolutionSeconds, NodeMetrics current)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(current);
        var span = Math.Max(1, (until - since).TotalSeconds);
        var gap = Math.Max(1, 1.5 * resolutionSeconds);
        var startLabel = $"-{Format.Coarse(span)}";
        var window = new Window(points, since, span, gap, startLabel);

        var memPercent = current.MemoryTotalBytes > 0 ? 100.0 * current.MemoryUsedBytes / current.MemoryTotalBytes : 0;
        var maxCore = current.CoreBusyPercent is { Count: > 0 } cores ? cores.Max() : current.CpuBusyPercent;
        var loadMax = NiceUp(Math.Max(1, Math.Max(Max(points, p => p.Load1), Math.Max(Max(points, p => p.Load5), Max(points, p => p.Load15)))));
        var netMax = NiceRate(Math.Max(Max(points, p => p.NetRxBytesPerSecond), Max(points, p => p.NetTxBytesPerSecond)));
        var diskMax = NiceRate(Math.Max(Max(points, p => p.DiskReadBytesPerSecond), Max(points, p => p.DiskWriteBytesPerSecond)));
        return
        [
            window.Chart("cpu", "CPU", 100, "100%", "0%",
                new SeriesSpec("avg", "average", p => p.CpuBusyPercent, $"{Format.Percent(current.CpuBusyPercent)}%"),
                new SeriesSpec("max", "busiest core", p => p.CpuMaxCorePercent, $"{Format.Percent(maxCore)}%")),
            window.Chart("mem", "Memory", 100, "100%", "0%",
                new SeriesSpec("used", "used", p => p.MemoryTotalBytes > 0 ? 100.0 * p.MemoryUsedBytes / p.MemoryTotalBytes : double.NaN,
                    $"{Format.Percent(memPercent)}% ({Format.Bytes(current.MemoryUsedBytes)} / {Format.Bytes(current.MemoryTotalBytes)})")),
            window.Chart("load", "Load", loadMax, LoadText(loadMax), "0",
                new SeriesSpec("l1", "1 min", p => p.Load1, LoadText(current.Load1)),
                new SeriesSpec("l5", "5 min", p => p.Load5, LoadText(current.Load5)),
                new SeriesSpec("l15", "15 min", p => p.Load15, LoadText(current.Load15))),
            window.Chart("net", "Network", netMax, Format.Rate((long)netMax), "0",
                new SeriesSpec("rx", "receive", p => p.NetRxBytesPerSecond, Format.Rate(current.NetRxBytesPerSecond)),
                new SeriesSpec("tx", "transmit", p => p.NetTxBytesPerSecond, Format.Rate(current.NetTxBytesPerSecond))),
            window.Chart("disk", "Disk", diskMax, Format.Rate((long)diskMax), "0",
                new SeriesSpec("read", "read", p => p.DiskReadBytesPerSecond, Format.Rate(current.DiskReadBytesPerSecond)),
                new SeriesSpec("write", "write", p => p.DiskWriteBytesPerSecond, Format.Rate(current.DiskWriteBytesPerSecond))),
        ];
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

    private static string LoadText(double load) => double.IsFinite(load) ? load.ToString("0.00", CultureInfo.InvariantCulture) : "0.00";

    private static double Max(IReadOnlyList<HistoryPoint> points, Func<HistoryPoint, double> value)
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

    private sealed record Window(IReadOnlyList<HistoryPoint> Points, DateTimeOffset Since, double Span, double Gap, string StartLabel)
    {
        public ChartViewModel Chart(string id, string title, double max, string maxLabel, string minLabel, params SeriesSpec[] specs)
        {
            var frame = new ChartFrame(Width, Height, Span, max, Gap);
            var series = specs.Select(spec =>
            {
                var samples = Points.Select(p => new ChartPoint((p.At - Since).TotalSeconds, spec.Value(p))).ToArray();
                var path = Sparkline.Path(samples, frame);
                return new ChartSeriesViewModel(spec.Key, spec.Label, path, Sparkline.PointCount(path), spec.CurrentText);
            }).ToArray();
            var now = string.Join(", ", series.Select(s => $"{s.Label} now {s.CurrentText}"));
            var description = string.Create(CultureInfo.InvariantCulture,
                $"{title} over the last {Format.Coarse(Span)}: {now}; scale {minLabel} to {maxLabel}; {series.Max(s => s.Points)} points.");
            return new ChartViewModel($"chart-{id}", title, description, maxLabel, minLabel, StartLabel, "now", Width, Height, series);
        }
    }
}
