using Psstd.Dashboard.Charts;

namespace Psstd.Tests.Dashboard.Charts;

public sealed class SparklineTests
{
    /// <summary>100 units wide over 100 s, 10 high up to 100: x is seconds, y is 10 - value / 10.</summary>
    private static readonly ChartFrame Frame = new(Width: 100, Height: 10, SpanSeconds: 100, MaxValue: 100, GapSeconds: 15);

    [Fact]
    public void Path_NoPoints_IsEmpty() => Assert.Equal("", Sparkline.Path([], Frame));

    [Fact]
    public void Path_OnePoint_IsADot()
    {
        var path = Sparkline.Path([new ChartPoint(50, 40)], Frame);

        Assert.Equal("M50 6h0", path);
        Assert.Equal(1, Sparkline.PointCount(path));
    }

    [Fact]
    public void Path_ScalesTimeAcrossAndValuesUp()
    {
        var path = Sparkline.Path([new ChartPoint(0, 0), new ChartPoint(10, 50), new ChartPoint(20, 100), new ChartPoint(30, 25)], Frame);

        Assert.Equal("M0 10L10 5L20 0L30 7.5", path);
        Assert.Equal(4, Sparkline.PointCount(path));
    }

    [Fact]
    public void Path_ClampsValuesOutsideTheScale()
    {
        Assert.Equal("M0 0L10 10", Sparkline.Path([new ChartPoint(0, 250), new ChartPoint(10, -3)], Frame));
    }

    [Fact]
    public void Path_BreaksTheLineAtASilenceLongerThanTheGap()
    {
        var points = new[] { new ChartPoint(0, 10), new ChartPoint(10, 10), new ChartPoint(40, 20), new ChartPoint(50, 20), new ChartPoint(90, 30) };

        var path = Sparkline.Path(points, Frame);

        // Two runs and a lone last point drawn as a dot; no segment crosses the silences.
        Assert.Equal("M0 9L10 9M40 8L50 8M90 7h0", path);
        Assert.Equal(5, Sparkline.PointCount(path));
    }

    [Fact]
    public void Path_MissingValuesBreakTheLine_AndAreNotDrawn()
    {
        var path = Sparkline.Path([new ChartPoint(0, 10), new ChartPoint(10, double.NaN), new ChartPoint(20, 10), new ChartPoint(30, 10)], Frame);

        Assert.Equal("M0 9h0M20 9L30 9", path);
        Assert.Equal(3, Sparkline.PointCount(path));
    }

    [Fact]
    public void Path_LeavesOutPointsOutsideTheWindow()
    {
        var path = Sparkline.Path([new ChartPoint(-5, 10), new ChartPoint(0, 10), new ChartPoint(100, 10), new ChartPoint(101, 10)], Frame with { GapSeconds = 200 });

        Assert.Equal("M0 9L100 9", path);
    }

    [Fact]
    public void Path_RoundsToATenthOfAUnit() =>
        Assert.Equal("M33.3 6.7h0", Sparkline.Path([new ChartPoint(33.333, 33.333)], Frame));

    [Fact]
    public void Path_ZeroScale_DrawsAtTheBottom() =>
        Assert.Equal("M0 10L10 10", Sparkline.Path([new ChartPoint(0, 5), new ChartPoint(10, 0)], Frame with { MaxValue = 0 }));
}
