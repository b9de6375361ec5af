using System.Net;
using Microsoft.Extensions.Time.Testing;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Preferences;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Dashboard;

public sealed class NodePageTests
{
    private static readonly DateTimeOffset Now = DashboardFactory.Start;

    [Fact]
    public async Task NodePage_ChartsTheLastHour_OnePathPointPerSample()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("web-1", isSelf: true), Node("db")));
        factory.Agent.ServeHistory(History("db", 120));

        var (response, _, doc) = await Html.GetAsync(factory.CreateClient(), "/nodes/db");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("psstd · db · lab", doc.Title);
        var charts = doc.QuerySelectorAll("figure.chart");
        Assert.Equal(["chart-cpu", "chart-mem", "chart-load", "chart-net", "chart-disk"], charts.Select(c => c.Id));
        var paths = doc.QuerySelectorAll("svg.spark path.series");
        Assert.Equal(
            ["avg", "max", "used", "l1", "l5", "l15", "rx", "tx", "read", "write"],
            paths.Select(p => p.GetAttribute("data-series")));
        foreach (var path in paths)
        {
            Assert.Equal("120", path.GetAttribute("data-points"));
            Assert.Equal(120, path.GetAttribute("d")!.Count(c => c is 'M' or 'L'));
        }

        // The agent was asked for the hour up to now, in 30 s buckets.
        var asked = Assert.Single(factory.Agent.HistoryRequests);
        Assert.Equal(("db", Now.AddHours(-1), Now, (TimeSpan?)TimeSpan.FromSeconds(30)), asked);
    }

    [Fact]
    public async Task NodePage_ChartsAreLabelledAndAccessible()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("db", metrics: SampleMetrics(4) with { CpuBusyPercent = 25 })));
        factory.Agent.ServeHistory(History("db", 120));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/nodes/db");

        var cpu = doc.QuerySelector("#chart-cpu")!;
        var svg = cpu.QuerySelector("svg")!;
        Assert.Equal("img", svg.GetAttribute("role"));
        Assert.Equal("chart-cpu-title chart-cpu-desc", svg.GetAttribute("aria-labelledby"));
        Assert.Equal("CPU, -1h to now", svg.QuerySelector("title")!.TextContent);
        Assert.StartsWith("CPU over the last 1h: average now 25%", svg.QuerySelector("desc")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("100%", cpu.QuerySelector(".axis-max")!.TextContent);
        Assert.Equal("0%", cpu.QuerySelector(".axis-min")!.TextContent);
        Assert.Equal(["-1h", "now"], cpu.QuerySelectorAll(".axis-time span").Select(s => s.TextContent));
        Assert.Equal("25%", cpu.QuerySelector(".series-now[data-series='avg'] strong")!.TextContent);
    }

    [Fact]
    public async Task NodePage_SaysTheCpuSplitInWords_AndTheMemoryCache()
    {
        using var factory = new DashboardFactory();
        var metrics = SampleMetrics(2) with { CpuShares = new CpuShares(12, 3, 40, 0), CoreKernelPercent = [1, 2], MemoryCacheBytes = 2 * GiB };
        factory.Agent.Serve(Snapshot(Node("db", metrics: metrics), Node("old")));
        factory.Agent.ServeHistory(History("db", 0));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/nodes/db");
        var (_, _, old) = await Html.GetAsync(factory.CreateClient(), "/nodes/old");

        Assert.Equal("CPU: 12% user, 3% kernel, 40% iowait, 0% steal", doc.QuerySelector(".node-cores p.cpu-split")!.TextContent);
        Assert.Equal("25% · 4.0 GiB / 16.0 GiB, 2.0 GiB cache", doc.QuerySelector(".memory-now")!.TextContent);
        Assert.Equal(["p7", "s2", "split"], doc.QuerySelector(".node-cores ol.cpus li:nth-child(2)")!.ClassList);
        Assert.Null(old.QuerySelector(".cpu-split"));
        Assert.Equal("25% · 4.0 GiB / 16.0 GiB", old.QuerySelector(".memory-now")!.TextContent);
    }

    [Fact]
    public async Task NodePage_EmptyHistory_ShowsEmptyCharts_AndAMissingOneSaysWhy()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("fresh-one"), Node("unknown-to-store")));
        factory.Agent.ServeHistory(History("fresh-one", 0));

        var (_, _, empty) = await Html.GetAsync(factory.CreateClient(), "/nodes/fresh-one");
        var (response, _, missing) = await Html.GetAsync(factory.CreateClient(), "/nodes/unknown-to-store");

        Assert.All(empty.QuerySelectorAll("path.series"), p => Assert.Equal("0", p.GetAttribute("data-points")));
        Assert.Null(empty.QuerySelector(".history-error"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(missing.QuerySelectorAll("figure.chart"));
        Assert.Equal("The agent keeps no history for this node (yet).", missing.QuerySelector(".history-error")!.TextContent);
        Assert.NotNull(missing.QuerySelector(".node-cores ol.cpus"));
    }

    [Fact]
    public async Task NodePage_ShowsEachCore_AsAMeter_OrTheDenseStripFor128_WithMemory()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("small", cores: 4), Node("huge", cores: 128)));

        var (_, _, small) = await Html.GetAsync(factory.CreateClient(), "/nodes/small");
        var (_, _, huge) = await Html.GetAsync(factory.CreateClient(), "/nodes/huge");

        var rows = small.QuerySelectorAll(".node-cores ol.cpus li");
        Assert.Equal(["0", "1", "2", "3"], rows.Select(r => r.QuerySelector("b")!.TextContent));
        Assert.Equal(["0.0%", "7.0%", "14.0%", "21.0%"], rows.Select(r => r.QuerySelector("span")!.TextContent));
        Assert.Equal("cpu3 21.0%", rows[3].GetAttribute("title"));
        Assert.Equal("4 cores", small.QuerySelector(".node-cores h3")!.TextContent);
        Assert.Equal("4.0G/16.0G", small.QuerySelector(".node-cores .meter.mem .mem-text")!.TextContent);
        Assert.Equal("25% · 4.0 GiB / 16.0 GiB", small.QuerySelector(".now .memory-now")!.TextContent);

        Assert.Null(huge.QuerySelector(".node-cores > ol.cpus"));
        var strip = huge.QuerySelector(".node-cores .strip")!;
        Assert.Equal(128, strip.QuerySelectorAll("i").Length);
        Assert.Equal("cpu127 81%", strip.QuerySelectorAll("i")[127].GetAttribute("title"));
        Assert.Equal(3, huge.QuerySelectorAll(".node-cores .busiest span").Length);
    }

    [Fact]
    public async Task NodePage_ShowsStateFreshnessVersionAndFacts()
    {
        using var factory = new DashboardFactory();
        var node = Node("old", NodeHealth.Stale, ageSeconds: 9.5, version: "0.0.9", dashboardUrl: "http://old:8080/");
        factory.Agent.Serve(Snapshot(Node("me", isSelf: true), node));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/nodes/old?theme=light");

        var status = doc.QuerySelector(".node-status")!;
        Assert.Equal("stale", status.GetAttribute("data-state"));
        Assert.Equal("stale 9s ago", status.QuerySelector(".updated")!.TextContent);
        Assert.True(status.QuerySelector(".version")!.ClassList.Contains("version-mismatch"));
        Assert.Equal("http://old:8080/?theme=light", status.QuerySelector("a.node-link")!.GetAttribute("href"));
        Assert.Equal(node.Id.ToString(), doc.QuerySelector("dd[data-fact='id']")!.TextContent);
        Assert.Equal("0.42 0.35 0.30", doc.QuerySelector(".now .load-values")!.TextContent);
        Assert.Equal("light", doc.DocumentElement.GetAttribute("data-theme"));
    }

    [Fact]
    public async Task NodePage_ListsThatNodesRecentEvents_NewestFirst()
    {
        using var factory = new DashboardFactory();
        var db = Node("db");
        factory.Agent.Serve(Snapshot(Node("web"), db));
        factory.Agent.ServeEvents(
            new ClusterEvent(Now.AddSeconds(-30), db.Id, "db", ClusterEventKind.Recovered, ""),
            new ClusterEvent(Now.AddMinutes(-2), Guid.NewGuid(), "web", ClusterEventKind.Offline, ""),
            new ClusterEvent(Now.AddMinutes(-3), db.Id, "db", ClusterEventKind.Offline, ""),
            new ClusterEvent(Now.AddHours(-2), db.Id, "db", ClusterEventKind.VersionChange, "0.1.0 -> 0.2.0"));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/nodes/db");

        var events = doc.QuerySelectorAll(".event-list .event");
        Assert.Equal(["recovered", "offline", "version"], events.Select(e => e.GetAttribute("data-kind")));
        Assert.Equal(["30s ago", "3m 0s ago", "2h 0m ago"], events.Select(e => e.QuerySelector("time")!.TextContent));
        Assert.Equal("2024-12-31T23:59:30Z", events[0].QuerySelector("time")!.GetAttribute("datetime"));
        Assert.Equal("0.1.0 -> 0.2.0", events[2].QuerySelector(".event-detail")!.TextContent);
        Assert.Equal(("db", 20), Assert.Single(factory.Agent.EventRequests));
    }

    [Fact]
    public async Task NodePage_NoEvents_SaysSo()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("db")));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/nodes/db");

        Assert.Equal("No events for this node.", doc.QuerySelector(".events-none")!.TextContent);
    }

    [Fact]
    public async Task NodePage_EveryGeneratedLink_KeepsThePinAndPreferences_ButNotTheHops()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("web 1")));
        const string Query = "psstd_node=a&sort=cpu&theme=dark&palette=ocean&psstd_hops=1&psstd_hop_at=100";

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), $"/nodes/web%201?{Query}");

        const string Carried = "?psstd_node=a&sort=cpu&theme=dark&palette=ocean";
        Assert.Equal($"/nodes/web%201/history.csv{Carried}", doc.QuerySelector("a.export-csv")!.GetAttribute("href"));
        Assert.Equal($"/nodes/web%201/history.ndjson{Carried}", doc.QuerySelector("a.export-ndjson")!.GetAttribute("href"));
        Assert.Equal($"/{Carried}", doc.QuerySelector("a.back-link")!.GetAttribute("href"));
        foreach (var href in doc.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
        {
            var query = UrlQuery.Parse(new Uri(new Uri("http://here/"), href).Query);
            Assert.Contains(new KeyValuePair<string, string>("psstd_node", "a"), query);
            Assert.Contains(new KeyValuePair<string, string>("palette", "ocean"), query);
        }

        // The page polls its own URL as opened, like the cluster page.
        var poller = doc.QuerySelector("#poller")!;
        Assert.Equal($"/nodes/web%201?{Query}", poller.GetAttribute("hx-get"));
        Assert.Equal("#node-detail", poller.GetAttribute("hx-target"));
        Assert.Equal("every 2s", poller.GetAttribute("hx-trigger"));
    }

    [Fact]
    public async Task NodePage_HtmxPoll_GetsOnlyThePartial_AndNoScriptGetsAMetaRefresh()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("db")));

        var (_, full, fullDoc) = await Html.GetAsync(factory.CreateClient(), "/nodes/db");
        var (response, partial, doc) = await Html.GetAsync(factory.CreateClient(), "/nodes/db", htmx: true);

        Assert.Contains("<meta http-equiv=\"refresh\" content=\"2\">", fullDoc.QuerySelector("noscript")!.InnerHtml, StringComparison.Ordinal);
        Assert.Contains("<html", full, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain("<html", partial, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(doc.QuerySelector("#node-detail .node-status"));
        Assert.Equal("true", doc.QuerySelector("#poller")!.GetAttribute("hx-swap-oob"));
        Assert.Contains("HX-Request", response.Headers.Vary);
    }

    [Fact]
    public async Task UnknownNode_Is404Page_NotAnException()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("db")));

        var (response, body, doc) = await Html.GetAsync(factory.CreateClient(), "/nodes/nope%3Cscript%3E?psstd_node=x");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No node named nope<script> in cluster lab. Back to all nodes.", doc.QuerySelector(".not-found")!.TextContent);
        Assert.Equal("/?psstd_node=x", doc.QuerySelector(".not-found a")!.GetAttribute("href"));
        Assert.DoesNotContain("<script>", body, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.Null(doc.QuerySelector("#poller")!.GetAttribute("hx-trigger"));
        Assert.Null(doc.QuerySelector("noscript"));
        Assert.Empty(factory.Agent.HistoryRequests);
    }

    [Fact]
    public async Task AgentUnreachable_NodePage_GivesTheClusterPagesMessage()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Fail(AgentOutcome.Unreachable, "no socket file at that path");

        var (response, body, doc) = await Html.GetAsync(factory.CreateClient(), "/nodes/db");
        var (partialResponse, _, partial) = await Html.GetAsync(factory.CreateClient(), "/nodes/db", htmx: true);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(
            $"The local psstd agent is not reachable at {DashboardFactory.SocketPath}: no socket file at that path. Is psstd-agent running?",
            Assert.Single(doc.QuerySelectorAll("[role='alert']")).TextContent);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.Equal("every 2s", doc.QuerySelector("#poller")!.GetAttribute("hx-trigger"));
        Assert.Equal(HttpStatusCode.OK, partialResponse.StatusCode);
        Assert.NotNull(partial.QuerySelector("[role='alert']"));
    }

    [Fact]
    public async Task HistoryFailing_StillShowsTheNode_AndSaysWhy()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("db")));
        factory.Agent.FailHistory(AgentOutcome.AnsweredWithError, "HTTP 500 Internal Server Error from /v1/nodes/{node}/history: store is closed");

        var (response, _, doc) = await Html.GetAsync(factory.CreateClient(), "/nodes/db");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("store is closed", doc.QuerySelector(".history-error")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(doc.QuerySelector(".node-status"));
    }

    [Fact]
    public async Task ForgottenNode_HiddenFromTheGrid_CountedInTheSummary_ShownOnItsPage()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("web", isSelf: true), Node("gone", NodeHealth.Forgotten)));

        var (_, _, cluster) = await Html.GetAsync(factory.CreateClient(), "/?psstd_node=web");
        var (response, _, page) = await Html.GetAsync(factory.CreateClient(), "/nodes/gone");

        Assert.Equal(["web"], cluster.QuerySelectorAll("article.node").Select(c => c.GetAttribute("data-node")));
        Assert.Equal("2 nodes", cluster.QuerySelector(".summary-total")!.TextContent);
        Assert.Equal("1 forgotten", cluster.QuerySelector(".summary-state[data-state='forgotten']")!.TextContent.Trim());
        Assert.Equal("1 shown", cluster.QuerySelector(".summary-shown")!.TextContent);
        Assert.Equal("/nodes/gone?psstd_node=web", cluster.QuerySelector("a.forgotten-link")!.GetAttribute("href"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("forgotten", page.QuerySelector(".node-status")!.GetAttribute("data-state"));
    }

    [Fact]
    public async Task NodePage_FindsANodeByIdToo()
    {
        using var factory = new DashboardFactory();
        var db = Node("db");
        factory.Agent.Serve(Snapshot(db));

        var (response, _, doc) = await Html.GetAsync(factory.CreateClient(), $"/nodes/{db.Id}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("db", doc.QuerySelector(".node-status")!.GetAttribute("data-node"));
    }

    /// <summary><paramref name="count"/> samples 30 s apart, the last one 15 s before now.</summary>
    internal static NodeHistory History(string name, int count)
    {
        var since = Now.AddHours(-1);
        var points = Enumerable.Range(0, count).Select(i => new HistoryPoint(
            since.AddSeconds(15 + (30 * i)), i % 100, Math.Min(100, i + 5), (i + 1) * GiB / 8, 16 * GiB, 0,
            i * 0.01, i * 0.005, 0.3, i * 4096, 1024, i * 512, 256)).ToArray();
        return new NodeHistory(Guid.NewGuid(), name, since, Now, 30, points);
    }
}
