using System.Net;
using AngleSharp.Dom;
using Psstd.Contracts;
using Psstd.Dashboard.Preferences;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Dashboard;

/// <summary>Preferences and pins in every URL the page generates; sorting, hiding and filtering as the browser sees them.</summary>
public sealed class ClusterControlsTests
{
    private const string PinnedWithPrefs = "/?psstd_node=a&sort=cpu&dir=desc&hide_stale=1&q=web&theme=light&palette=contrast";

    [Fact]
    public async Task EveryGeneratedUrl_KeepsThePinAndThePreferences()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(
            Node("web-1", isSelf: true, dashboardUrl: "http://web-1:8080/"),
            Node("web-2", dashboardUrl: "http://web-2:8080/"),
            Node("web-3", dashboardUrl: "http://proxy.example/psstd/?psstd_node=web-3")));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), PinnedWithPrefs);

        var urls = new List<string>();
        urls.Add(doc.QuerySelector("#poller")!.GetAttribute("hx-get")!);
        urls.AddRange(doc.QuerySelectorAll("a.sort-link").Select(a => a.GetAttribute("href")!));
        urls.AddRange(doc.QuerySelectorAll("a.node-link").Select(a => a.GetAttribute("href")!));
        urls.AddRange(doc.QuerySelectorAll("a.node-page").Select(a => a.GetAttribute("href")!));
        Assert.Equal(1 + 10 + 3 + 3, urls.Count);
        foreach (var url in urls)
        {
            var query = UrlQuery.Parse(new Uri(new Uri("http://here/"), url).Query);
            Assert.Contains(query, p => p.Key == "hide_stale" && p.Value == "1");
            Assert.Contains(query, p => p.Key == "q" && p.Value == "web");
            Assert.Contains(query, p => p.Key == "theme" && p.Value == "light");
            Assert.Contains(query, p => p.Key == "palette" && p.Value == "contrast");
            Assert.Single(query, p => p.Key == "psstd_node");
        }

        Assert.Equal(PinnedWithPrefs, doc.QuerySelector("#poller")!.GetAttribute("hx-get"));
        Assert.Equal(
            "http://web-2:8080/?psstd_node=a&sort=cpu&dir=desc&hide_stale=1&q=web&theme=light&palette=contrast",
            Link(doc, "web-2"));

        // A peer advertised behind a shared proxy routes by its own pin; the browser's pin must not override it.
        Assert.Equal(
            "http://proxy.example/psstd/?psstd_node=web-3&sort=cpu&dir=desc&hide_stale=1&q=web&theme=light&palette=contrast",
            Link(doc, "web-3"));
    }

    [Fact]
    public async Task TheControlsForm_CarriesThePinAndSort_AndShowsTheCurrentChoices()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("web-1", isSelf: true)));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), PinnedWithPrefs);

        var form = doc.QuerySelector("form.prefs")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("/", form.GetAttribute("action"));
        var hidden = form.QuerySelectorAll("input[type=hidden]").Select(i => $"{i.GetAttribute("name")}={i.GetAttribute("value")}");
        Assert.Equal(["psstd_node=a", "sort=cpu", "dir=desc"], hidden);
        Assert.Equal("web", form.QuerySelector("input[name=q]")!.GetAttribute("value"));
        Assert.True(form.QuerySelector("input[name=hide_stale]")!.HasAttribute("checked"));
        Assert.False(form.QuerySelector("input[name=hide_offline]")!.HasAttribute("checked"));
        Assert.Equal("light", form.QuerySelector("select[name=theme] option[selected]")!.GetAttribute("value"));
        Assert.Equal("contrast", form.QuerySelector("select[name=palette] option[selected]")!.GetAttribute("value"));
        Assert.Equal("light", doc.DocumentElement.GetAttribute("data-theme"));
        Assert.Equal("contrast", doc.DocumentElement.GetAttribute("data-palette"));
    }

    [Fact]
    public async Task SortLinks_MarkTheActiveKey_AndClickingItFlipsTheDirection()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("a", isSelf: true)));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/?sort=cpu&psstd_node=a");

        var active = Assert.Single(doc.QuerySelectorAll("a.sort-active"));
        Assert.Equal("cpu", active.GetAttribute("data-sort"));
        Assert.Equal("cpu▼", active.TextContent);
        Assert.Equal("/?sort=cpu&psstd_node=a&dir=asc", active.GetAttribute("href"));
        Assert.Equal("/?sort=name&psstd_node=a&dir=asc", doc.QuerySelector("a[data-sort=name]")!.GetAttribute("href"));
        Assert.Equal("/?sort=load15&psstd_node=a&dir=desc", doc.QuerySelector("a[data-sort=load15]")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Sorting_Hiding_AndFiltering_ChangeTheCells_NotTheCounts()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(
            Node("web-1", isSelf: true, metrics: SampleMetrics(4) with { CpuBusyPercent = 10 }),
            Node("web-2", metrics: SampleMetrics(4) with { CpuBusyPercent = 90 }),
            Node("web-3", NodeHealth.Offline),
            Node("db-1", NodeHealth.Stale)));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/?sort=cpu&hide_offline=1&q=web");

        Assert.Equal(["web-2", "web-1"], doc.QuerySelectorAll("#nodes article.node").Select(a => a.GetAttribute("data-node")));
        Assert.Equal("4 nodes", doc.QuerySelector(".summary-total")!.TextContent);
        Assert.Equal("2 shown", doc.QuerySelector(".summary-shown")!.TextContent);
    }

    [Fact]
    public async Task Summary_NamesHottestAndQuietest_AndTheRefreshInterval()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(
            Node("a", isSelf: true, metrics: SampleMetrics(4) with { CpuBusyPercent = 60, Load1 = 0 }),
            Node("b", metrics: SampleMetrics(4) with { CpuBusyPercent = 80, Load1 = 0 }),
            Node("c", NodeHealth.Offline, metrics: SampleMetrics(4) with { CpuBusyPercent = 100 })));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/");

        Assert.Equal("busiest b: CPU 80 %, load 0.0 per core", doc.QuerySelector(".summary-hottest")!.TextContent);
        Assert.Equal("quietest a: CPU 60 %, load 0.0 per core", doc.QuerySelector(".summary-quietest")!.TextContent);
        Assert.Equal("6", doc.QuerySelector(".refresh-seconds")!.TextContent);
        Assert.Equal("every 6s", doc.QuerySelector("#poller")!.GetAttribute("hx-trigger"));
        Assert.Equal("<meta http-equiv=\"refresh\" content=\"6\">", doc.QuerySelector("head noscript")!.InnerHtml);
    }

    [Fact]
    public async Task Cell_ShowsASwapMeter_AndDiskNetUptimeInItsDetails_WithStableIds()
    {
        using var factory = new DashboardFactory();
        var node = Node("a", isSelf: true, metrics: SampleMetrics(4) with
        {
            SwapTotalBytes = 2 * GiB,
            SwapUsedBytes = GiB / 2,
            DiskReadBytesPerSecond = 1536,
            DiskWriteBytesPerSecond = 0,
            NetRxBytesPerSecond = 3 * 1024 * 1024,
            NetTxBytesPerSecond = 512,
            UptimeSeconds = 90061,
        });
        factory.Agent.Serve(Snapshot(node));
        var client = factory.CreateClient();

        var (_, _, first) = await Html.GetAsync(client, "/");
        var (_, _, second) = await Html.GetAsync(client, "/", htmx: true);

        var cell = first.QuerySelector("article.node")!;
        Assert.Equal($"node-{node.Id:N}", cell.Id);
        Assert.Equal("0", cell.GetAttribute("tabindex"));
        Assert.Equal("512M/2.0G", cell.QuerySelector(".meter.swp .swp-text")!.TextContent);
        Assert.Equal("swap: 512.0 MiB / 2.0 GiB", cell.QuerySelector(".meter.swp")!.GetAttribute("title"));
        Assert.Equal("r 1.5 KiB/s w 0 B/s", cell.QuerySelector(".disk-text")!.TextContent);
        Assert.Equal("rx 3.0 MiB/s tx 512 B/s", cell.QuerySelector(".net-text")!.TextContent);
        Assert.Equal("up 1d 1h", cell.QuerySelector(".uptime-text")!.TextContent);
        Assert.Contains("Windows: processor queue length + busy cores", cell.QuerySelector(".more .load-meaning")!.TextContent, StringComparison.Ordinal);
        Assert.Equal($"node-{node.Id:N}-more", cell.QuerySelector("details")!.Id);
        Assert.Equal(cell.Id, second.QuerySelector("article.node")!.Id);
    }

    [Fact]
    public async Task LargeCluster_UsesTheCompactRowLayout_AndStaysSmall()
    {
        using var factory = new DashboardFactory();
        var nodes = Enumerable.Range(0, 1000).Select(i => Node($"n{i:D4}", isSelf: i == 0, cores: 16)).ToArray();
        factory.Agent.Serve(Snapshot(nodes));

        // 1,000 nodes are past the heatmap threshold: the grid is what the URL asks for.
        var (_, body, doc) = await Html.GetAsync(factory.CreateClient(), "/?view=grid", htmx: true);

        Assert.True(doc.QuerySelector("#nodes")!.ClassList.Contains("nodes-compact"));
        Assert.Equal(1000, doc.QuerySelectorAll("#nodes article.node").Length);
        // The bench's target for 1,000 nodes x 16 cores: under 300 KB once gzipped (bench/RESULTS.md has the numbers).
        var gzipped = GzipSize(body);
        Assert.True(gzipped < 300 * 1024, $"partial is {body.Length} characters, {gzipped} bytes gzipped");

        using var small = new DashboardFactory();
        small.Agent.Serve(Snapshot(nodes[..10]));
        var (_, _, smallDoc) = await Html.GetAsync(small.CreateClient(), "/", htmx: true);
        Assert.False(smallDoc.QuerySelector("#nodes")!.ClassList.Contains("nodes-compact"));
    }

    [Fact]
    public async Task Page_WithoutJavaScript_RefreshesItselfWithAMetaRefresh()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("a", isSelf: true)));

        var (_, body, _) = await Html.GetAsync(factory.CreateClient(), "/?psstd_node=a");

        Assert.Contains("<noscript><meta http-equiv=\"refresh\" content=\"2\"></noscript>", body, StringComparison.Ordinal);
    }

    private static long GzipSize(string text)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(System.Text.Encoding.UTF8.GetBytes(text));
        }

        return buffer.Length;
    }

    private static string? Link(IDocument doc, string node) =>
        doc.QuerySelector($"article[data-node='{node}'] a.node-link")?.GetAttribute("href");
}
