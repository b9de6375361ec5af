using System.Net;
using System.Text.RegularExpressions;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Dashboard;

public sealed partial class ClusterPageTests
{
    [Fact]
    public async Task Page_HasOneCellPerNode_InNameOrder_WithStateAndDot()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(
            Node("web-2", NodeHealth.Stale),
            Node("Db-1", NodeHealth.Fresh, isSelf: true),
            Node("cache", NodeHealth.Offline)));

        var (response, _, doc) = await Html.GetAsync(factory.CreateClient(), "/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cells = doc.QuerySelectorAll("article.node");
        Assert.Equal(["cache", "Db-1", "web-2"], cells.Select(c => c.GetAttribute("data-node")));
        Assert.Equal(["offline", "fresh", "stale"], cells.Select(c => c.GetAttribute("data-state")));
        foreach (var cell in cells)
        {
            var state = cell.GetAttribute("data-state");
            var dot = Assert.Single(cell.QuerySelectorAll(".node-head .dot"));
            Assert.True(dot.ClassList.Contains($"dot-{state}"), dot.ClassName);
            Assert.Equal(state, dot.GetAttribute("title"));
            Assert.Equal(cell.GetAttribute("data-node"), cell.QuerySelector(".node-name")!.TextContent);
        }

        Assert.True(cells[1].ClassList.Contains("node-self"));
        Assert.Equal("offline 1s", cells[0].QuerySelector(".updated")!.TextContent);
        Assert.Equal("updated 1s ago", cells[1].QuerySelector(".updated")!.TextContent);
        Assert.Equal("stale 1s ago", cells[2].QuerySelector(".updated")!.TextContent);
    }

    [Fact]
    public async Task Page_SummaryCountsNodesPerState()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("a"), Node("b"), Node("c", NodeHealth.Offline)));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/");

        Assert.Equal("3 nodes", doc.QuerySelector(".summary-total")!.TextContent);
        var counts = doc.QuerySelectorAll(".summary-state")
            .ToDictionary(e => e.GetAttribute("data-state")!, e => e.TextContent.Trim());
        Assert.Equal("2 fresh", counts["fresh"]);
        Assert.Equal("0 stale", counts["stale"]);
        Assert.Equal("1 offline", counts["offline"]);
    }

    [Fact]
    public async Task Page_HasOneMeterPerCore_UpTo32_ThenTheStripWithTheBusiestNamed()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("small", cores: 4), Node("huge", cores: 128)));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/");

        var small = doc.QuerySelector("article[data-node='small'] ol.cpus")!;
        Assert.Equal("CPU 25%, 4 cores", small.GetAttribute("aria-label"));
        var meters = small.QuerySelectorAll("li");
        Assert.Equal(["0", "1", "2", "3"], meters.Select(m => m.QuerySelector("b")!.TextContent));
        Assert.Equal(["0.0%", "7.0%", "14.0%", "21.0%"], meters.Select(m => m.QuerySelector("span")!.TextContent));
        Assert.Equal("cpu3 21.0%", meters[3].GetAttribute("title"));
        Assert.Equal(["p21", "low"], meters[3].ClassList);
        Assert.Null(doc.QuerySelector("article[data-node='small'] .strip"));

        var huge = doc.QuerySelector("article[data-node='huge']")!;
        Assert.Null(doc.QuerySelector("article[data-node='huge'] > ol.cpus"));
        var strip = huge.QuerySelector(".strip")!;
        Assert.Equal("meter", strip.GetAttribute("role"));
        Assert.Equal(128, strip.QuerySelectorAll("i").Length);
        Assert.Equal("cpu127 81%", strip.QuerySelectorAll("i")[127].GetAttribute("title"));
        Assert.Equal(["mid"], strip.QuerySelectorAll("i")[8].ClassList);
        Assert.Equal(["high"], strip.QuerySelectorAll("i")[127].ClassList);

        // Core i is 7i mod 101 % busy: cpu72 100 %, cpu43 99 %, then cpu14 and cpu115 tie at 98 % and the lower number is named.
        Assert.Equal("busiest of 128", huge.QuerySelector(".busiest p")!.TextContent);
        var busiest = huge.QuerySelectorAll(".busiest li");
        Assert.Equal(["72", "43", "14"], busiest.Select(l => l.QuerySelector("b")!.TextContent));
        Assert.Equal(["100.0%", "99.0%", "98.0%"], busiest.Select(l => l.QuerySelector("span")!.TextContent));
    }

    [Fact]
    public async Task Page_ShowsMemoryUsedOverTotal_LoadAndVersion()
    {
        using var factory = new DashboardFactory();
        var metrics = SampleMetrics(2) with { MemoryUsedBytes = 3_328_599_655, MemoryTotalBytes = 16_642_998_272, Load1 = 1.5, Load5 = 0.25, Load15 = 0 };
        factory.Agent.Serve(Snapshot(Node("a", metrics: metrics), Node("b", version: "0.0.9")));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/");

        var a = doc.QuerySelector("article[data-node='a']")!;
        var memory = a.QuerySelector(".meter.mem")!;
        Assert.Equal("3.1G/15.5G", memory.QuerySelector(".mem-text")!.TextContent);
        Assert.Equal("Mem", memory.QuerySelector("b")!.TextContent);
        Assert.Equal("20", memory.GetAttribute("aria-valuenow"));
        Assert.Equal("memory 3.1G/15.5G", memory.GetAttribute("aria-label"));
        Assert.Equal("memory: 3.1 GiB / 15.5 GiB", memory.GetAttribute("title"));
        Assert.Equal(["meter", "mem", "p20", "low"], memory.ClassList);
        Assert.Equal("0K/0K", a.QuerySelector(".meter.swp .swp-text")!.TextContent);
        Assert.Equal("swap: none", a.QuerySelector(".meter.swp")!.GetAttribute("title"));
        Assert.Equal("1.50 0.25 0.00", a.QuerySelector(".load-values")!.TextContent);
        Assert.Equal("v0.1.0", a.QuerySelector(".version")!.TextContent);
        Assert.False(a.QuerySelector(".version")!.ClassList.Contains("version-mismatch"));
        Assert.True(doc.QuerySelector("article[data-node='b'] .version")!.ClassList.Contains("version-mismatch"));
    }

    [Fact]
    public async Task Page_LinksToEachNodesOwnDashboard_OnlyWhenItHasOne()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(
            Node("with-web", dashboardUrl: "http://10.0.0.7:8080/?psstd_node=with-web"),
            Node("sync-only", dashboardUrl: ""),
            Node("hostile", dashboardUrl: "javascript:alert(1)")));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/");

        var link = Assert.Single(doc.QuerySelectorAll("a.node-link"));
        Assert.Equal("http://10.0.0.7:8080/?psstd_node=with-web", link.GetAttribute("href"));
        Assert.Equal("with-web's own dashboard", link.GetAttribute("aria-label"));
        foreach (var name in new[] { "sync-only", "hostile" })
        {
            var cell = doc.QuerySelector($"article[data-node='{name}']")!;
            Assert.Null(cell.QuerySelector("a.node-link"));
            Assert.DoesNotContain(cell.QuerySelectorAll("a"), a => a.GetAttribute("href")!.Contains("javascript", StringComparison.Ordinal));
            Assert.Equal(name, cell.QuerySelector(".node-name")!.TextContent);
        }
    }

    [Fact]
    public async Task Page_EveryCellLinksToItsNodePage_KeepingPinAndPreferences()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("web 1"), Node("db", dashboardUrl: "http://db:8080/")));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/?psstd_node=db&sort=cpu&psstd_hops=1&psstd_hop_at=5");

        var links = doc.QuerySelectorAll("article.node a.node-page").ToDictionary(a => a.TextContent, a => a.GetAttribute("href"));
        Assert.Equal("/nodes/web%201?psstd_node=db&sort=cpu", links["web 1"]);
        Assert.Equal("/nodes/db?psstd_node=db&sort=cpu", links["db"]);
    }

    [Fact]
    public async Task PlainGet_ReturnsFullPage_WithHtmxAndPolling()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("a")));

        var (response, body, doc) = await Html.GetAsync(factory.CreateClient(), "/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("<!DOCTYPE html>", body.TrimStart(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("psstd · lab", doc.Title);
        Assert.NotNull(doc.QuerySelector("meta[name='viewport']"));
        var scripts = doc.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).ToArray();
        Assert.Equal(4, scripts.Length);
        Assert.StartsWith("/lib/htmx/dist/htmx.min.js?v=", scripts[0], StringComparison.Ordinal);
        Assert.StartsWith("/js/dashboard.js?v=", scripts[1], StringComparison.Ordinal);
        Assert.StartsWith("/js/charts.js?v=", scripts[2], StringComparison.Ordinal);
        Assert.StartsWith("/js/heatmap.js?v=", scripts[3], StringComparison.Ordinal);
        Assert.StartsWith("/css/site.css?v=", doc.QuerySelector("link[rel='stylesheet']")!.GetAttribute("href"), StringComparison.Ordinal);

        var poller = Assert.Single(doc.QuerySelectorAll("[hx-trigger]"));
        Assert.Equal("every 2s", poller.GetAttribute("hx-trigger"));
        Assert.Equal("/", poller.GetAttribute("hx-get"));
        Assert.Equal("#nodes", poller.GetAttribute("hx-target"));
        Assert.Equal("outerHTML", poller.GetAttribute("hx-swap"));
        Assert.Single(doc.QuerySelectorAll("#nodes article.node"));
        Assert.Contains("HX-Request", response.Headers.Vary);
    }

    [Fact]
    public async Task Polling_KeepsTheQueryPinsOfThePage()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("a")));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/?psstd_node=a");

        Assert.Equal("/?psstd_node=a", doc.QuerySelector("[hx-trigger]")!.GetAttribute("hx-get"));
    }

    [Fact]
    public async Task HtmxGet_ReturnsOnlyTheClusterPartial()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("a"), Node("b")));

        var (response, body, doc) = await Html.GetAsync(factory.CreateClient(), "/", htmx: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotMatch(DocumentShell(), body);
        Assert.Equal(2, doc.QuerySelectorAll("#nodes article.node").Length);

        // The grid is the swap target; the summary and the poller (with its possibly new interval) ride out of band.
        Assert.Equal("true", doc.QuerySelector("#summary.summary")!.GetAttribute("hx-swap-oob"));
        Assert.Equal("true", doc.QuerySelector("#poller[hx-trigger]")!.GetAttribute("hx-swap-oob"));
        Assert.Null(doc.QuerySelector("#nodes")!.GetAttribute("hx-swap-oob"));
        Assert.Null(doc.QuerySelector("form"));
    }

    [Fact]
    public async Task HtmxHistoryRestore_GetsTheFullPage()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("a")));

        var (_, body, _) = await Html.GetAsync(factory.CreateClient(), "/", htmx: true, historyRestore: true);

        Assert.Matches(DocumentShell(), body);
    }

    [Fact]
    public async Task AgentUnreachable_FullPage_Is503WithPlainMessage()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Fail(AgentOutcome.Unreachable, "no socket file at that path");

        var (response, body, doc) = await Html.GetAsync(factory.CreateClient(), "/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var alert = Assert.Single(doc.QuerySelectorAll("[role='alert']"));
        Assert.Equal(
            $"The local psstd agent is not reachable at {DashboardFactory.SocketPath}: no socket file at that path. Is psstd-agent running?",
            alert.TextContent);
        Assert.Empty(doc.QuerySelectorAll("article.node"));
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
        Assert.Equal("every 2s", doc.QuerySelector("[hx-trigger]")!.GetAttribute("hx-trigger"));
    }

    [Fact]
    public async Task AgentUnreachable_Partial_Is200SoHtmxSwapsTheMessageIn()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Fail(AgentOutcome.Unreachable, "Connection refused");

        var (response, body, doc) = await Html.GetAsync(factory.CreateClient(), "/", htmx: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotMatch(DocumentShell(), body);
        Assert.Contains(DashboardFactory.SocketPath, doc.QuerySelector("[role='alert']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AgentAnsweringGarbage_PageSaysSo_WithoutAnExceptionPage()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Fail(AgentOutcome.BadResponse, "unreadable answer from /v1/cluster: 'x' is an invalid start of a value");

        var (response, body, doc) = await Html.GetAsync(factory.CreateClient(), "/");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("cannot read", doc.QuerySelector("[role='alert']")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaticFiles_ServeThePinnedHtmxAndTheStylesheet()
    {
        using var factory = new DashboardFactory();
        var client = factory.CreateClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        var htmx = await client.GetStringAsync(new Uri("/lib/htmx/dist/htmx.min.js", UriKind.Relative), cts.Token);
        var css = await client.GetAsync(new Uri("/css/site.css", UriKind.Relative), cts.Token);

        Assert.Contains("version:\"2.0.11\"", htmx, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
    }

    /// <summary>What a full document has and a partial must not: <c>&lt;html&gt;</c> or <c>&lt;head&gt;</c> (not <c>&lt;header&gt;</c>).</summary>
    [GeneratedRegex(@"<!DOCTYPE|<html\b|<head\b|<body\b", RegexOptions.IgnoreCase)]
    private static partial Regex DocumentShell();
}
