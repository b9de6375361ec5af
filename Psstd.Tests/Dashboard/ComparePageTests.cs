using System.Net;
using System.Text;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Dashboard;

public sealed class ComparePageTests
{
    private static readonly DateTimeOffset Now = DashboardFactory.Start;

    [Fact]
    public async Task TwoNodes_OneLineEachOnEveryMetric_SameAxes_WithALegend()
    {
        using var factory = new DashboardFactory();
        var db = Node("db", metrics: SampleMetrics(4) with { CpuBusyPercent = 80 });
        factory.Agent.Serve(Snapshot(Node("web", isSelf: true), db, Node("cache")));
        factory.Agent.ServeHistory(NodePageTests.History("web", 120));
        factory.Agent.ServeHistory(NodePageTests.History("db", 60));

        var (response, _, doc) = await Html.GetAsync(factory.CreateClient(), $"/compare?node=web&node={db.Id}&range=6h&theme=dark");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("psstd · compare · lab", doc.Title);
        var legend = doc.QuerySelectorAll(".compare-legend li");
        Assert.Equal(["web", "db"], legend.Select(l => l.GetAttribute("data-node")));
        Assert.Equal(["n0", "n1"], legend.Select(l => l.GetAttribute("data-series")));
        Assert.Equal("/nodes/db?range=6h&theme=dark", legend[1].QuerySelector("a")!.GetAttribute("href"));

        var charts = doc.QuerySelectorAll("figure.chart");
        Assert.Equal(
            ["chart-cpu", "chart-mem", "chart-load", "chart-net-rx", "chart-net-tx", "chart-disk-read", "chart-disk-write"],
            charts.Select(c => c.Id));
        foreach (var chart in charts)
        {
            Assert.Equal(["n0", "n1"], chart.QuerySelectorAll("path.series").Select(p => p.GetAttribute("data-series")));
            Assert.Equal(["web", "db"], chart.QuerySelectorAll(".series-now").Select(s => s.TextContent.Split(' ')[0]));
            Assert.Equal("360", chart.GetAttribute("data-cells"));
        }

        Assert.Equal("80%", doc.QuerySelector("#chart-cpu .series-now[data-series='n1'] strong")!.TextContent);
        Assert.Equal(["web", "db"], factory.Agent.HistoryRequests.Select(r => r.Node).Order(StringComparer.Ordinal).Reverse());
        Assert.All(factory.Agent.HistoryRequests, r => Assert.Equal((Now.AddHours(-6), Now, (TimeSpan?)TimeSpan.FromMinutes(1)), (r.Since, r.Until, r.Resolution)));

        // The picker: the compared nodes ticked first, then the rest; it keeps the preferences but not the nodes.
        var boxes = doc.QuerySelectorAll(".compare-picker input[type='checkbox']");
        Assert.Equal(["web", "db", "cache"], boxes.Select(b => b.GetAttribute("value")));
        Assert.Equal([true, true, false], boxes.Select(b => b.HasAttribute("checked")));
        Assert.Equal(["range", "theme"], doc.QuerySelectorAll(".compare-picker input[type='hidden']").Select(h => h.GetAttribute("name")));
        Assert.Equal($"/compare?range=24h&theme=dark&node=web&node={db.Id}", doc.QuerySelectorAll(".ranges a")[2].GetAttribute("href"));

        // It polls itself like the node page.
        Assert.Equal($"/compare?range=6h&theme=dark&node=web&node={db.Id}", doc.QuerySelector("#poller")!.GetAttribute("hx-get"));
        Assert.Equal("#compare-detail", doc.QuerySelector("#poller")!.GetAttribute("hx-target"));
    }

    [Fact]
    public async Task UnknownNodes_AreReported_NotAnErrorPage()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("web"), Node("db")));

        var (response, body, doc) = await Html.GetAsync(factory.CreateClient(), "/compare?node=web&node=nope&node=%3Cscript%3Ex%3C%2Fscript%3E");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["nope", "<script>x</script>"], doc.QuerySelectorAll(".compare-unknown .unknown-node").Select(e => e.TextContent));
        Assert.Equal(["web"], doc.QuerySelectorAll(".compare-legend li").Select(l => l.GetAttribute("data-node")));
        Assert.DoesNotContain("<script>x", body, StringComparison.Ordinal);
        Assert.Equal(7, doc.QuerySelectorAll("figure.chart").Length);
        Assert.Equal("web: the agent keeps no history for it (yet)", doc.QuerySelector(".history-error")!.TextContent);
    }

    [Fact]
    public async Task TenThousandNames_ComparesTheFirstEight_AndSaysHowManyWereLeftOut()
    {
        using var factory = new DashboardFactory();
        var nodes = Enumerable.Range(0, 20).Select(i => Node($"n{i}")).ToArray();
        factory.Agent.Serve(Snapshot(nodes));
        var query = new StringBuilder("range=24h");
        for (var i = 0; i < 10_000; i++)
        {
            query.Append("&node=n").Append(i);
        }

        var (response, _, doc) = await Html.GetAsync(factory.CreateClient(), $"/compare?{query}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(8, doc.QuerySelectorAll(".compare-legend li").Length);
        Assert.Equal(8, factory.Agent.HistoryRequests.Count);
        Assert.Equal("9992 more nodes were asked for: at most 8 are compared at once.", doc.QuerySelector(".compare-dropped")!.TextContent);
        Assert.Null(doc.QuerySelector(".compare-unknown"));
        Assert.True(doc.QuerySelector("#poller")!.GetAttribute("hx-get")!.Length < 200);
    }

    [Fact]
    public async Task NoNodes_ShowsThePicker_ListingTheCluster_WithoutForgottenOnes()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("b"), Node("a"), Node("gone", NodeHealth.Forgotten)));

        var (response, _, doc) = await Html.GetAsync(factory.CreateClient(), "/compare?range=evil");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["a", "b"], doc.QuerySelectorAll(".compare-picker input[type='checkbox']").Select(b => b.GetAttribute("value")));
        Assert.NotNull(doc.QuerySelector(".compare-picker input[type='text'][name='node']"));
        Assert.NotNull(doc.QuerySelector(".compare-none"));
        Assert.Empty(doc.QuerySelectorAll("figure.chart"));
        Assert.Empty(factory.Agent.HistoryRequests);
    }

    [Fact]
    public async Task AgentUnreachable_Is503WithTheClusterPagesSentence()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Fail(AgentOutcome.Unreachable, "no socket file at that path");

        var (response, body, doc) = await Html.GetAsync(factory.CreateClient(), "/compare?node=a&node=b");
        var (partial, _, _) = await Html.GetAsync(factory.CreateClient(), "/compare?node=a&node=b", htmx: true);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("is not reachable", doc.QuerySelector("[role='alert']")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
    }

    [Fact]
    public async Task HtmxPoll_GetsOnlyThePartial_WithoutThePicker()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("a"), Node("b")));

        var (_, body, doc) = await Html.GetAsync(factory.CreateClient(), "/compare?node=a&node=b", htmx: true);

        Assert.DoesNotContain("<html", body, StringComparison.OrdinalIgnoreCase);
        Assert.Null(doc.QuerySelector(".compare-picker"));
        Assert.Equal(2, doc.QuerySelectorAll("#compare-detail .compare-legend li").Length);
    }
}
