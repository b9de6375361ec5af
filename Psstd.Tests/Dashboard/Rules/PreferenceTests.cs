using Psstd.Contracts;
using Psstd.Dashboard.Preferences;
using static Psstd.Tests.Dashboard.TestSnapshots;
using Psstd.ClusterView;

namespace Psstd.Tests.Dashboard.Rules;

public sealed class PreferenceTests
{
    [Fact]
    public void Read_EmptyQuery_IsTheDefault() =>
        Assert.Equal(DisplayPreferences.Default, PreferenceReader.Read([]));

    [Fact]
    public void Read_TakesEveryPreference()
    {
        var prefs = PreferenceReader.Read(UrlQuery.Parse("sort=load15&dir=asc&hide_stale=1&hide_offline=on&q=web&theme=light&palette=contrast"));

        Assert.Equal(new DisplayPreferences(SortKey.Load15, false, true, true, "web", "light", "contrast"), prefs);
    }

    [Fact]
    public void Read_UnknownValues_FallBack()
    {
        var prefs = PreferenceReader.Read(UrlQuery.Parse("sort=1&dir=sideways&theme=neon&palette=<x>&hide_stale=maybe"));

        Assert.Equal(DisplayPreferences.Default, prefs);
    }

    [Theory]
    [InlineData("name", false)]
    [InlineData("cpu", true)]
    [InlineData("age", true)]
    public void Read_DirectionDefaultsPerKey(string sort, bool descending) =>
        Assert.Equal(descending, PreferenceReader.Read(UrlQuery.Parse($"sort={sort}")).Descending);

    [Theory]
    [InlineData("name", "asc", "a,B,c")]
    [InlineData("name", "desc", "c,B,a")]
    [InlineData("cpu", "desc", "B,c,a")]
    [InlineData("cpumax", "desc", "c,a,B")]
    [InlineData("mem", "desc", "a,c,B")]
    [InlineData("memused", "desc", "a,c,B")]
    [InlineData("memtotal", "asc", "a,B,c")]
    [InlineData("load1", "desc", "c,B,a")]
    [InlineData("load5", "desc", "a,B,c")]
    [InlineData("load15", "asc", "B,a,c")]
    [InlineData("age", "desc", "c,a,B")]
    public void Ordering_SortsByEveryKey(string sort, string dir, string expected)
    {
        var nodes = new[]
        {
            Node("c", ageSeconds: 9, metrics: M(cpu: 30, coreMax: 99, used: 6, total: 16, l1: 3, l5: 1, l15: 3)),
            Node("a", ageSeconds: 5, metrics: M(cpu: 10, coreMax: 90, used: 8, total: 8, l1: 1, l5: 3, l15: 2)),
            Node("B", ageSeconds: 1, metrics: M(cpu: 50, coreMax: 50, used: 4, total: 12, l1: 2, l5: 2, l15: 1)),
        };

        var ordered = NodeOrdering.Apply(nodes, PreferenceReader.Read(UrlQuery.Parse($"sort={sort}&dir={dir}")));

        Assert.Equal(expected, string.Join(',', ordered.Select(n => n.Name)));
    }

    [Fact]
    public void Ordering_HidesStaleAndOffline_AndFilters()
    {
        var nodes = new[]
        {
            Node("web-1"), Node("web-2", NodeHealth.Stale), Node("web-3", NodeHealth.Suspect),
            Node("web-4", NodeHealth.Offline), Node("web-5", NodeHealth.Left), Node("db-1"),
        };

        Assert.Equal(["db-1", "web-1", "web-4", "web-5"], Names(nodes, "hide_stale=1"));
        Assert.Equal(["db-1", "web-1", "web-2", "web-3"], Names(nodes, "hide_offline=1"));
        Assert.Equal(["web-1"], Names(nodes, "hide_stale=1&hide_offline=1&q=WEB"));
        Assert.Equal(["web-1"], Names(nodes, "q=1%20web"));
        Assert.Empty(Names(nodes, "q=web+db"));
    }

    private static string[] Names(NodeSnapshot[] nodes, string query) =>
        NodeOrdering.Apply(nodes, PreferenceReader.Read(UrlQuery.Parse(query))).Select(n => n.Name).ToArray();

    private static NodeMetrics M(double cpu, double coreMax, long used, long total, double l1, double l5, double l15) =>
        SampleMetrics(2) with
        {
            CpuBusyPercent = cpu,
            CoreBusyPercent = [0, coreMax],
            MemoryUsedBytes = used * GiB,
            MemoryTotalBytes = total * GiB,
            Load1 = l1,
            Load5 = l5,
            Load15 = l15,
        };
}
