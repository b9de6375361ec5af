using Psstd.Contracts;
using Psstd.Dashboard.Charts;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Dashboard.Charts;

public sealed class NodeChartsTests
{
    private static readonly DateTimeOffset Until = new(2025, 1, 1, 1, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Since = Until.AddHours(-1);

    [Theory]
    [InlineData(0, 1)]
    [InlineData(0.3, 0.5)]
    [InlineData(1, 1)]
    [InlineData(1.01, 2)]
    [InlineData(3, 5)]
    [InlineData(7.5, 10)]
    [InlineData(10, 10)]
    [InlineData(120, 200)]
    public void NiceUp_RoundsUpToOneTwoOrFive(double value, double expected) => Assert.Equal(expected, NodeCharts.NiceUp(value), 9);

    [Theory]
    [InlineData(0, 1024)]
    [InlineData(1500, 2048)]
    [InlineData(3 * 1024 * 1024, 5 * 1024 * 1024)]
    public void NiceRate_UsesWholeBinaryUnits(double value, double expected) => Assert.Equal(expected, NodeCharts.NiceRate(value));

    [Fact]
    public void Build_GivesEveryChartAndSeries_WithOnePointPerSample()
    {
        var points = Points(120);

        var charts = NodeCharts.Build(points, Since, Until, 30, SampleMetrics(4));

        Assert.Equal(["chart-cpu", "chart-mem", "chart-load", "chart-net", "chart-disk"], charts.Select(c => c.Id));
        Assert.Equal(
            ["avg", "max", "used", "l1", "l5", "l15", "rx", "tx", "read", "write"],
            charts.SelectMany(c => c.Series).Select(s => s.Key));
        Assert.All(charts.SelectMany(c => c.Series), s => Assert.Equal(120, s.Points));
        Assert.All(charts.SelectMany(c => c.Series), s => Assert.Equal(120, Sparkline.PointCount(s.Path)));
    }

    [Fact]
    public void Build_LabelsScaleTimeAndCurrentValues()
    {
        var metrics = SampleMetrics(4) with { CpuBusyPercent = 25, NetRxBytesPerSecond = 2048, Load1 = 0.42 };

        var charts = NodeCharts.Build(Points(120), Since, Until, 30, metrics).ToDictionary(c => c.Id);

        var cpu = charts["chart-cpu"];
        Assert.Equal(("100%", "0%", "-1h", "now"), (cpu.MaxLabel, cpu.MinLabel, cpu.StartLabel, cpu.EndLabel));
        Assert.Equal("25%", cpu.Series[0].CurrentText);
        Assert.Equal("21%", cpu.Series[1].CurrentText);
        Assert.Equal("CPU over the last 1h: average now 25%, busiest core now 21%; scale 0% to 100%; 120 points.", cpu.Description);

        // Load peaks at 2.38 in the samples: the scale rounds up to 5.
        Assert.Equal("5.00", charts["chart-load"].MaxLabel);
        Assert.Equal("0.42", charts["chart-load"].Series[0].CurrentText);
        Assert.Equal("2.0 KiB/s", charts["chart-net"].Series[0].CurrentText);
    }

    [Fact]
    public void Build_NoHistory_StillGivesTheCharts_WithEmptyPaths()
    {
        var charts = NodeCharts.Build([], Since, Until, 30, SampleMetrics(2));

        Assert.Equal(5, charts.Count);
        Assert.All(charts.SelectMany(c => c.Series), s => Assert.Equal(("", 0), (s.Path, s.Points)));
    }

    [Fact]
    public void Build_AMissingStretchOfHistory_LeavesAHole()
    {
        // Samples for the first and the last 10 minutes only: the node was down in between.
        var points = Points(120).Where((_, i) => i < 20 || i >= 100).ToArray();

        var cpu = NodeCharts.Build(points, Since, Until, 30, SampleMetrics(2))[0];

        Assert.Equal(2, cpu.Series[0].Path.Count(c => c == 'M'));
        Assert.Equal(40, cpu.Series[0].Points);
    }

    /// <summary>One sample every 30 s across the hour, with values that move.</summary>
    private static HistoryPoint[] Points(int count) =>
        Enumerable.Range(0, count).Select(i => new HistoryPoint(
            Since.AddSeconds(15 + (30 * i)),
            CpuBusyPercent: i % 100,
            CpuMaxCorePercent: Math.Min(100, (i % 100) + 10),
            MemoryUsedBytes: (i + 1) * GiB / 10,
            MemoryTotalBytes: 16 * GiB,
            SwapUsedBytes: 0,
            Load1: i * 0.02,
            Load5: i * 0.01,
            Load15: 0.5,
            DiskReadBytesPerSecond: i * 1000,
            DiskWriteBytesPerSecond: 500,
            NetRxBytesPerSecond: i * 100,
            NetTxBytesPerSecond: 100)).ToArray();
}
