using System.Net;
using Psstd.Contracts;
using Psstd.Dashboard.Preferences;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Dashboard;

/// <summary>The node page's ranges, the data its hover script reads, and hostile range values.</summary>
public sealed class NodeHistoryPageTests
{
    private static readonly DateTimeOffset Now = DashboardFactory.Start;

    [Theory]
    [InlineData("1h", 1, 30)]
    [InlineData("6h", 6, 60)]
    [InlineData("24h", 24, 240)]
    public async Task Range_AsksTheAgentForThatStretch_InItsBuckets(string range, int hours, int seconds)
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("db")));
        factory.Agent.ServeHistory(Day("db", TimeSpan.FromSeconds(seconds)));

        var (response, _, doc) = await Html.GetAsync(factory.CreateClient(), $"/nodes/db?range={range}&theme=dark");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("db", Now.AddHours(-hours), Now, (TimeSpan?)TimeSpan.FromSeconds(seconds)), Assert.Single(factory.Agent.HistoryRequests));
        var cells = hours * 3600 / seconds;
        var cpu = doc.QuerySelector("#chart-cpu")!;
        Assert.Equal(cells.ToString(System.Globalization.CultureInfo.InvariantCulture), cpu.GetAttribute("data-cells"));
        Assert.Equal(Now.AddHours(-hours).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture), cpu.GetAttribute("data-since"));
        Assert.Equal([$"-{range}", "now"], cpu.QuerySelectorAll(".axis-time span").Select(s => s.TextContent));
        Assert.Equal($"last {range}", doc.QuerySelector(".range-now")!.TextContent);
        foreach (var path in doc.QuerySelectorAll("path.series"))
        {
            Assert.Equal(cells, path.GetAttribute("data-values")!.Split(',').Length);
            Assert.Equal(cells.ToString(System.Globalization.CultureInfo.InvariantCulture), path.GetAttribute("data-points"));
        }

        // The range control: every range, the current one marked, each link keeping the other preferences.
        var links = doc.QuerySelectorAll(".ranges a.range-link");
        Assert.Equal(["1h", "6h", "24h"], links.Select(a => a.TextContent));
        Assert.Equal(range, Assert.Single(doc.QuerySelectorAll(".ranges a[aria-current='true']")).GetAttribute("data-range"));
        Assert.Equal("/nodes/db?range=24h&theme=dark", links[2].GetAttribute("href"));
        Assert.Equal($"/nodes/db/history.csv?range={range}&theme=dark", doc.QuerySelector("a.export-csv")!.GetAttribute("href"));
        Assert.Equal($"export the last {range}: CSV NDJSON", doc.QuerySelector(".exports")!.TextContent);
    }

    [Fact]
    public async Task HoverData_ValuesPerCell_UnitsAndACursorLine_InEveryChart()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("db")));
        factory.Agent.ServeHistory(NodePageTests.History("db", 120));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/nodes/db");

        var charts = doc.QuerySelectorAll("figure.chart");
        Assert.Equal(5, charts.Length);
        foreach (var chart in charts)
        {
            Assert.Equal("0", chart.GetAttribute("tabindex"));
            Assert.Equal("30", chart.GetAttribute("data-step"));
            Assert.Equal("3600", chart.GetAttribute("data-span"));
            Assert.NotNull(chart.QuerySelector("svg line.chart-cursor[visibility='hidden']"));
            Assert.Equal("now", chart.QuerySelector(".chart-at")!.TextContent);
        }

        // History(): cpu i % 100, memory (i + 1) / 8 GiB of 16 GiB, load1 i * 0.01, rx i * 512 B/s (three significant digits).
        string Values(string series) => doc.QuerySelector($"path.series[data-series='{series}']")!.GetAttribute("data-values")!;
        Assert.StartsWith("0,1,2,3,", Values("avg"), StringComparison.Ordinal);
        Assert.StartsWith("0.8,1.6,2.3,", Values("used"), StringComparison.Ordinal);
        Assert.StartsWith("0,0.01,0.02,", Values("l1"), StringComparison.Ordinal);
        Assert.StartsWith("0,512,1020,1540,", Values("rx"), StringComparison.Ordinal);
        Assert.Equal(
            ["pct", "pct", "pct", "load", "load", "load", "rate", "rate", "rate", "rate"],
            doc.QuerySelectorAll("path.series").Select(p => p.GetAttribute("data-unit")));
        Assert.Equal("25%", doc.QuerySelector("#chart-cpu .series-now[data-series='avg'] strong")!.GetAttribute("data-now"));
    }

    [Theory]
    [InlineData("range=evil")]
    [InlineData("range=99999999999999999999h")]
    [InlineData("range=%3Cscript%3Ealert(1)%3C%2Fscript%3E")]
    [InlineData("range=-24h")]
    [InlineData("range=24h%00")]
    public async Task HostileRange_FallsBackToTheLastHour(string query)
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("db")));
        factory.Agent.ServeHistory(NodePageTests.History("db", 120));

        var (response, body, doc) = await Html.GetAsync(factory.CreateClient(), $"/nodes/db?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(("db", Now.AddHours(-1), Now, (TimeSpan?)TimeSpan.FromSeconds(30)), Assert.Single(factory.Agent.HistoryRequests));
        Assert.Equal("1h", Assert.Single(doc.QuerySelectorAll(".ranges a[aria-current='true']")).GetAttribute("data-range"));
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAgentSendingFarTooManyPoints_IsCutTo720PerSeries()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("db")));
        var since = Now.AddHours(-24);
        var flood = Enumerable.Range(0, 86_400).Select(i => new HistoryPoint(since.AddSeconds(i), i % 100, 50, GiB, 2 * GiB, 0, 1, 1, 1, i, i, i, i)).ToArray();
        factory.Agent.ServeHistory(new NodeHistory(Guid.NewGuid(), "db", since, Now, 1, flood));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/nodes/db?range=24h");

        foreach (var path in doc.QuerySelectorAll("path.series"))
        {
            Assert.InRange(int.Parse(path.GetAttribute("data-points")!, System.Globalization.CultureInfo.InvariantCulture), 1, HistoryRange.MaxPoints);
            Assert.InRange(path.GetAttribute("data-values")!.Split(',').Length, 1, HistoryRange.MaxPoints);
        }
    }

    [Fact]
    public async Task NodePage_LinksToCompare_WithThisNodeChosen_AndTheClusterPageToo()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("web 1")));

        var (_, _, node) = await Html.GetAsync(factory.CreateClient(), "/nodes/web%201?range=6h&psstd_node=a");
        var (_, _, cluster) = await Html.GetAsync(factory.CreateClient(), "/?psstd_node=a&theme=dark");

        Assert.Equal("/compare?range=6h&psstd_node=a&node=web%201", node.QuerySelector("a.compare-link")!.GetAttribute("href"));
        Assert.Equal("/compare?psstd_node=a&theme=dark", cluster.QuerySelector("a.compare-nodes")!.GetAttribute("href"));
    }

    /// <summary>A day of points <paramref name="step"/> apart, one per bucket, each in the middle of its bucket.</summary>
    internal static NodeHistory Day(string name, TimeSpan step)
    {
        var since = Now.AddHours(-24);
        var count = (int)(TimeSpan.FromHours(24) / step);
        var points = Enumerable.Range(0, count).Select(i => new HistoryPoint(
            since + (step * i) + (step / 2), i % 100, 50, GiB, 2 * GiB, 0, 0.5, 0.5, 0.5, 1024, 1024, 2048, 2048)).ToArray();
        return new NodeHistory(Guid.NewGuid(), name, since, Now, step.TotalSeconds, points);
    }
}
