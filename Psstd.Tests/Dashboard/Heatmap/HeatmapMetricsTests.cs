using Psstd.Contracts;
using Psstd.Dashboard.Heatmap;

namespace Psstd.Tests.Dashboard.Heatmap;

public sealed class HeatmapMetricsTests
{
    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(9.99, 0)]
    [InlineData(10.0, 1)]
    [InlineData(49.9, 4)]
    [InlineData(50.0, 5)]
    [InlineData(89.99, 8)]
    [InlineData(90.0, 9)]
    [InlineData(100.0, 9)]
    [InlineData(250.0, 9)]
    [InlineData(-3.0, 0)]
    public void Bucket_IsTheTenPercentStep_ClampedToTheScale(double percent, int bucket) =>
        Assert.Equal(bucket, HeatmapMetrics.Bucket(percent));

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(null)]
    public void Bucket_WithoutAValue_IsNoValue(double? percent) =>
        Assert.Equal(HeatmapMetrics.NoValue, HeatmapMetrics.Bucket(percent));

    [Fact]
    public void Percent_OfEachMetric_ComesFromItsFigures()
    {
        var m = new NodeMetrics
        {
            LogicalCores = 8,
            CpuBusyPercent = 37,
            MemoryTotalBytes = 1000,
            MemoryUsedBytes = 250,
            Load1 = 12,
            RootFsTotalBytes = 200,
            RootFsUsedBytes = 190,
        };

        Assert.Equal(37, HeatmapMetrics.Percent(m, HeatmapMetric.Cpu));
        Assert.Equal(25, HeatmapMetrics.Percent(m, HeatmapMetric.Memory));
        Assert.Equal(150, HeatmapMetrics.Percent(m, HeatmapMetric.Load));
        Assert.Equal(95, HeatmapMetrics.Percent(m, HeatmapMetric.Disk));
        Assert.Null(HeatmapMetrics.Percent(m, HeatmapMetric.Swap));
        Assert.Equal(9, HeatmapMetrics.Bucket(m, HeatmapMetric.Load));
        Assert.Equal(HeatmapMetrics.NoValue, HeatmapMetrics.Bucket(m, HeatmapMetric.Swap));
        Assert.Null(HeatmapMetrics.Percent(NodeMetrics.Empty, HeatmapMetric.Load));
    }

    [Theory]
    [InlineData("web-12", "web")]
    [InlineData("web12", "web")]
    [InlineData("web_3", "web")]
    [InlineData("rack1-node-0042", "rack1-node")]
    [InlineData("db-primary", "db")]
    [InlineData("gateway", "gateway")]
    [InlineData("42", "42")]
    [InlineData("-7", "-7")]
    [InlineData("", "")]
    public void NamePrefix_DropsTheTrailingNumberOrTheLastDashPart(string name, string prefix) =>
        Assert.Equal(prefix, NamePrefix.Of(name));
}
