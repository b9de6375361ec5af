using Psstd.Contracts;
using Psstd.Dashboard.Charts;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Dashboard.Charts;

public sealed class ChartGridTests
{
    private static readonly DateTimeOffset Until = new(2025, 1, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Since = Until.AddHours(-24);

    [Theory]
    [InlineData(240, 240, 360)]
    [InlineData(1, 120, 720)]
    [InlineData(0, 120, 720)]
    [InlineData(-5, 120, 720)]
    [InlineData(double.NaN, 120, 720)]
    [InlineData(double.PositiveInfinity, 120, 720)]
    [InlineData(1e12, 1e12, 1)]
    public void Of_NeverMoreThanTheCap(double step, double expectedStep, int expectedCells)
    {
        var grid = ChartGrid.Of(Since, Until, step, 720);

        Assert.Equal((expectedStep, expectedCells), (grid.StepSeconds, grid.Count));
    }

    [Fact]
    public void Average_MeansThePointsOfEachCell_EmptyCellsAreNaN_OutsideIsLeftOut()
    {
        var grid = ChartGrid.Of(Since, Since.AddMinutes(3), 60, 720);
        HistoryPoint[] points =
        [
            Point(Since.AddSeconds(-1), 99),
            Point(Since.AddSeconds(0), 10),
            Point(Since.AddSeconds(59), 20),
            Point(Since.AddSeconds(150), 40),
            Point(Since.AddSeconds(180), 99),
            Point(Since.AddSeconds(170), double.NaN),
        ];

        var cells = grid.Average(points, p => p.CpuBusyPercent);

        Assert.Equal(3, cells.Length);
        Assert.Equal(15, cells[0]);
        Assert.True(double.IsNaN(cells[1]));
        Assert.Equal(40, cells[2]);
        Assert.Equal("15,,40", ChartValues.Encode(cells, ChartUnit.Percent));
    }

    [Fact]
    public void Encode_RoundsAsTheHoverTextShows()
    {
        Assert.Equal("12.3,0,100", ChartValues.Encode([12.34, 0, 100], ChartUnit.Percent));
        Assert.Equal("0.42,1.5", ChartValues.Encode([0.4249, 1.5], ChartUnit.Load));
        Assert.Equal("1230000,,512,0", ChartValues.Encode([1234567.8, double.PositiveInfinity, 512.4, 0], ChartUnit.Rate));
    }

    [Fact]
    public void Build_AHundredThousandPointsOverADay_DrawsAtMost720PerSeries()
    {
        var points = Enumerable.Range(0, 100_000).Select(i => Point(Since.AddSeconds(i * 0.864), i % 100)).ToArray();

        var charts = NodeCharts.Build(points, Since, Until, 0.864, SampleMetrics(4), "-24h");

        foreach (var series in charts.SelectMany(c => c.Series))
        {
            Assert.Equal(720, series.Points);
            Assert.Equal(720, series.Values.Split(',').Length);
        }

        Assert.Equal(("-24h", 120.0, 720), (charts[0].StartLabel, charts[0].Grid!.StepSeconds, charts[0].Grid!.Count));
        Assert.StartsWith("CPU over the last 24h:", charts[0].Description, StringComparison.Ordinal);
    }

    private static HistoryPoint Point(DateTimeOffset at, double cpu) =>
        new(at, cpu, cpu, GiB, 2 * GiB, 0, 0.5, 0.5, 0.5, 100, 100, 100, 100);
}
