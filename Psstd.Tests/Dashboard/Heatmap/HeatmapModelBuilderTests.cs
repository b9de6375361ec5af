using Psstd.Contracts;
using Psstd.Dashboard.Heatmap;
using Psstd.Dashboard.Preferences;
using static Psstd.Tests.Dashboard.Heatmap.HeatmapNodes;

namespace Psstd.Tests.Dashboard.Heatmap;

public sealed class HeatmapModelBuilderTests
{
    private static readonly DisplayPreferences All = DisplayPreferences.Default;

    [Fact]
    public void Build_GroupsByPrefix_InLabelOrder_NamesInOrderWithin_ColouredByBucket()
    {
        NodeSnapshot[] nodes =
        [
            WithCpu("web-2", 55), WithCpu("db-1", 5), WithCpu("web-10", 100), WithCpu("web-1", 12.5),
            WithCpu("gone-1", 1, NodeHealth.Forgotten),
        ];

        var map = HeatmapModelBuilder.Build(nodes, All, HeatmapMetric.Cpu, HeatmapGrouping.Prefix);

        Assert.Equal(["db", "web"], map.Groups.Select(g => g.Label));
        Assert.Equal(["web-1", "web-10", "web-2"], map.Groups[1].Squares.Select(s => s.Node.Name));
        Assert.Equal([1, 9, 5], map.Groups[1].Squares.Select(s => s.Bucket));
        Assert.Equal(4, map.Count);
    }

    [Fact]
    public void Build_ByTag_PutsNodesWithoutTheTagTogether()
    {
        NodeSnapshot[] nodes = [WithCpu("a", 1, tags: ("rack", "r2")), WithCpu("b", 1, tags: ("rack", "r1")), WithCpu("c", 1)];

        var map = HeatmapModelBuilder.Build(nodes, All, HeatmapMetric.Cpu, HeatmapGrouping.ByTag("rack"));

        Assert.Equal(["no rack", "rack=r1", "rack=r2"], map.Groups.Select(g => g.Label));
        Assert.Equal(["all nodes"], HeatmapModelBuilder.Build(nodes, All, HeatmapMetric.Cpu, HeatmapGrouping.None).Groups.Select(g => g.Label));
    }

    [Fact]
    public void Build_AppliesTagFiltersAndTheOtherFilters()
    {
        NodeSnapshot[] nodes =
        [
            WithCpu("a-1", 1, tags: ("rack", "a")), WithCpu("a-2", 1, NodeHealth.Offline, ("rack", "a")),
            WithCpu("b-1", 1, tags: ("rack", "b")),
        ];
        var preferences = All with { HideOffline = true, Tags = [new TagFilter("rack", "a")] };

        var map = HeatmapModelBuilder.Build(nodes, preferences, HeatmapMetric.Cpu, HeatmapGrouping.Prefix);

        Assert.Equal(["a-1"], map.Squares.Select(s => s.Node.Name));
    }

    [Fact]
    public void Build_ManyGroups_KeepsTheLargest_AndMergesTheRestLast()
    {
        var nodes = Enumerable.Range(0, 100).Select(i => WithCpu($"g{i:D3}x-1", 1))
            .Concat(Enumerable.Range(0, 5).Select(i => WithCpu($"big-{i}", 1)))
            .ToArray();

        var map = HeatmapModelBuilder.Build(nodes, All, HeatmapMetric.Cpu, HeatmapGrouping.Prefix);

        Assert.Equal(HeatmapModelBuilder.MaxGroups, map.Groups.Count);
        Assert.Equal("big", map.Groups[0].Label);
        Assert.Equal(HeatmapModelBuilder.OtherGroups, map.Groups[^1].Label);
        Assert.Equal(nodes.Length, map.Count);
    }

    [Fact]
    public void LayoutKey_StaysWhileValuesChange_MovesWhenTheNodesDo()
    {
        var a = WithCpu("a-1", 10);
        var b = WithCpu("a-2", 20);
        var before = HeatmapModelBuilder.Build([a, b], All, HeatmapMetric.Cpu, HeatmapGrouping.Prefix);

        var busier = HeatmapModelBuilder.Build([a with { Metrics = a.Metrics with { CpuBusyPercent = 99 } }, b with { Health = NodeHealth.Stale }], All, HeatmapMetric.Cpu, HeatmapGrouping.Prefix);
        var joined = HeatmapModelBuilder.Build([a, b, WithCpu("a-3", 1)], All, HeatmapMetric.Cpu, HeatmapGrouping.Prefix);
        var regrouped = HeatmapModelBuilder.Build([a, b], All, HeatmapMetric.Cpu, HeatmapGrouping.None);

        Assert.Matches("^[0-9a-f]{16}$", before.LayoutKey);
        Assert.Equal(before.LayoutKey, busier.LayoutKey);
        Assert.NotEqual(before.LayoutKey, joined.LayoutKey);
        Assert.NotEqual(before.LayoutKey, regrouped.LayoutKey);
    }

    [Fact]
    public void Title_HasNameStateEveryValueAndTags()
    {
        var node = WithCpu("web-1", 34.4, NodeHealth.Stale, ("zone", "x"), ("rack", "a"));

        Assert.Equal("web-1 · stale · cpu 34% · mem 25% · load 0.11/core · disk none · swap none · rack=a zone=x", HeatmapText.Title(node));
    }
}
