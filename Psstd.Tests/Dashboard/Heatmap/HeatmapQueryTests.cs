using Psstd.Dashboard.Heatmap;
using Psstd.Dashboard.Preferences;

namespace Psstd.Tests.Dashboard.Heatmap;

public sealed class HeatmapQueryTests
{
    [Fact]
    public void Read_Nothing_IsAutoCpuByPrefix()
    {
        Assert.Equal(HeatmapQuery.Default with { Problems = [] }, HeatmapQuery.Read([]) with { Problems = [] });
        Assert.Empty(HeatmapQuery.Read([]).Problems);
    }

    [Fact]
    public void Read_KnownValues()
    {
        var query = HeatmapQuery.Read(UrlQuery.Parse("view=heatmap&metric=load&group=tag%3Arack"));

        Assert.Equal(HeatmapView.Heatmap, query.View);
        Assert.Equal(HeatmapMetric.Load, query.Metric);
        Assert.Equal(HeatmapGrouping.ByTag("rack"), query.Grouping);
        Assert.Empty(query.Problems);
        Assert.Equal("tag:rack", query.Grouping.Token);
    }

    [Fact]
    public void Read_UnknownValues_FallBackAndSaySo()
    {
        var query = HeatmapQuery.Read(UrlQuery.Parse("view=evil&metric=%3Cb%3E&group=tag%3ARACK&tag=x%3D"));

        Assert.Equal(HeatmapView.Auto, query.View);
        Assert.Equal(HeatmapMetric.Cpu, query.Metric);
        Assert.Equal(HeatmapGrouping.Prefix, query.Grouping);
        Assert.Equal(
        [
            "view \"evil\" is not one of auto, grid, heatmap; showing auto.",
            "metric \"<b>\" is not one of cpu, mem, load, disk, swap; showing cpu.",
            "group \"tag:RACK\" is not one of prefix, none, tag:KEY (a key is 1 to 32 of a-z, 0-9, '_', '.', '-'); showing prefix.",
            "tag filter \"x=\" ignored: a value is 1 to 64 bytes without control characters, ',' or '='.",
        ], query.Problems);
    }

    [Theory]
    [InlineData(HeatmapView.Auto, 199, 200, false)]
    [InlineData(HeatmapView.Auto, 200, 200, true)]
    [InlineData(HeatmapView.Auto, 50_000, 0, false)]
    [InlineData(HeatmapView.Grid, 50_000, 200, false)]
    [InlineData(HeatmapView.Heatmap, 1, 200, true)]
    public void Choice_FollowsTheUrl_ElseTheThreshold(HeatmapView view, int nodes, int threshold, bool heatmap) =>
        Assert.Equal(heatmap, HeatmapChoice.Shows(view, nodes, threshold));
}
