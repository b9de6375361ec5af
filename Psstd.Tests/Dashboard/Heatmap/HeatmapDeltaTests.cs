using Psstd.Contracts;
using Psstd.Dashboard.Heatmap;
using Psstd.Dashboard.Preferences;
using static Psstd.Tests.Dashboard.Heatmap.HeatmapNodes;

namespace Psstd.Tests.Dashboard.Heatmap;

public sealed class HeatmapDeltaTests
{
    private static HeatmapModel Map(params NodeSnapshot[] nodes) =>
        HeatmapModelBuilder.Build(nodes, DisplayPreferences.Default, HeatmapMetric.Cpu, HeatmapGrouping.Prefix);

    [Fact]
    public void Between_SendsOnlySquaresWhoseBucketOrHealthChanged()
    {
        var nodes = Enumerable.Range(0, 100).Select(i => WithCpu($"n-{i:D3}", i % 10 * 10 + 2)).ToArray();
        var before = Map(nodes).States();
        var after = nodes.ToArray();
        after[3] = after[3] with { Metrics = after[3].Metrics with { CpuBusyPercent = 95 } };
        after[40] = after[40] with { Health = NodeHealth.Suspect };
        after[77] = after[77] with { Metrics = after[77].Metrics with { CpuBusyPercent = after[77].Metrics.CpuBusyPercent + 5 } };

        var changed = HeatmapDelta.Between(before, Map(after));

        Assert.Equal(["n-003", "n-040"], changed.Select(s => s.Node.Name));
        Assert.Equal(9, changed[0].Bucket);
        Assert.Equal(NodeHealth.Suspect, changed[1].Node.Health);
    }

    [Fact]
    public void Between_NothingChanged_IsEmpty_AndAnUnknownBaselineIsEverySquare()
    {
        var map = Map(WithCpu("a", 1), WithCpu("b", 2));

        Assert.Empty(HeatmapDelta.Between(map.States(), map));
        Assert.Equal(2, HeatmapDelta.Between(new Dictionary<Guid, SquareState>(), map).Count);
    }

    [Fact]
    public void Update_CarriesIdBucketStateTitle_AndCountsEveryShownSquare()
    {
        var a = WithCpu("a", 91, NodeHealth.Stale);
        var map = Map(a, WithCpu("b", 2), WithCpu("c", 2));

        var update = HeatmapFeed.Update([map.Squares.First()], map);

        var square = Assert.Single(update.Squares);
        Assert.Equal(new SquareUpdate(a.Id.ToString("N"), 9, "stale", HeatmapText.Title(a)), square);
        Assert.Equal([new HeatmapStateCount("fresh", 2), new HeatmapStateCount("stale", 1)], update.Counts);
    }
}
