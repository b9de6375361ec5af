using System.Net;
using Psstd.Contracts;
using Psstd.Dashboard.Configuration;
using static Psstd.Tests.Dashboard.Heatmap.HeatmapNodes;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Dashboard.Heatmap;

public sealed class HeatmapPageTests
{
    private const string Hostile = "<img src=x onerror=alert(1)>\"'&";

    [Fact]
    public async Task ViewHeatmap_DrawsASquarePerNode_LinkedToItsPage_WithItsValuesAndTagsEncoded()
    {
        using var factory = new DashboardFactory();
        var web = WithCpu("web 1", 72, NodeHealth.Stale, ("rack", Hostile));
        factory.Agent.Serve(Snapshot(WithCpu("db-1", 3) with { IsSelf = true }, web, WithCpu("gone-1", 1, NodeHealth.Forgotten)));

        var (response, body, doc) = await Html.GetAsync(factory.CreateClient(), "/?view=heatmap&theme=dark");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var squares = doc.QuerySelectorAll("#heatmap a");
        Assert.Equal(2, squares.Length);
        var square = doc.GetElementById($"h{web.Id:N}")!;
        Assert.Equal("/nodes/web%201?view=heatmap&theme=dark", square.GetAttribute("href"));
        Assert.Equal(["b7", "s-stale"], square.ClassList);
        Assert.Equal($"web 1 · stale · cpu 72% · mem 25% · load 0.11/core · disk none · swap none · rack={Hostile}", square.GetAttribute("title"));
        Assert.DoesNotContain("<img", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", body, StringComparison.Ordinal);
        Assert.Null(doc.GetElementById("poller"));
        var map = doc.GetElementById("heatmap")!;
        Assert.StartsWith("/api/cluster/heatmap/stream?view=heatmap&theme=dark&layout=", map.GetAttribute("data-stream"), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{16}$", map.GetAttribute("data-stamp") ?? "");
        Assert.Equal("/?view=grid&theme=dark", doc.QuerySelector("a.view-grid")!.GetAttribute("href"));
        Assert.Equal("2 nodes", doc.QuerySelector(".summary-total")!.TextContent);
    }

    [Fact]
    public async Task Threshold_MakesTheBarePageAHeatmap_AndTheGridsPollReloads()
    {
        using var factory = new DashboardFactory { Settings = new DashboardSettings(DashboardFactory.SocketPath, DashboardSettings.DefaultHttp) { HeatmapFrom = 3 } };
        factory.Agent.Serve(Snapshot(Node("a-1"), Node("a-2"), Node("a-3")));
        var client = factory.CreateClient();

        var (_, _, page) = await Html.GetAsync(client, "/");
        var (poll, _, _) = await Html.GetAsync(client, "/", htmx: true);
        var (_, _, grid) = await Html.GetAsync(client, "/?view=grid");

        Assert.Equal(3, page.QuerySelectorAll("#heatmap a").Length);
        Assert.Equal("true", poll.Headers.GetValues("HX-Refresh").Single());
        Assert.Equal(3, grid.QuerySelectorAll("article.node").Length);
        Assert.Equal("/?view=heatmap", grid.QuerySelector("a.view-heatmap")!.GetAttribute("href"));
    }

    [Fact]
    public async Task TagFilter_AppliesToGridAndHeatmap_AndABadOneIsNamed()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(
            WithCpu("a-1", 1, tags: ("rack", "a")), WithCpu("b-1", 1, tags: ("rack", "b")), WithCpu("c-1", 1)));
        var client = factory.CreateClient();

        var (_, _, grid) = await Html.GetAsync(client, "/?tag=rack%3Db&tag=Bad");
        var (_, _, heatmap) = await Html.GetAsync(client, "/?view=heatmap&tag=rack%3Da&tag=rack%3Db&group=tag%3Arack");

        Assert.Equal(["b-1"], grid.QuerySelectorAll("article.node").Select(c => c.GetAttribute("data-node")));
        Assert.Equal("rack=b", grid.QuerySelector("article.node .tags-text")!.TextContent);
        Assert.Contains("tag filter \"Bad\" ignored", grid.QuerySelector(".query-notices")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(["rack=a", "rack=b"], heatmap.QuerySelectorAll(".hm-group").Select(g => g.QuerySelector(".hm-label")!.FirstChild!.TextContent.Trim()));
        Assert.Equal(["rack=a", "rack=b"], heatmap.QuerySelectorAll(".tag-filter").Select(t => t.GetAttribute("data-tag")));
        Assert.Equal("/?view=heatmap&tag=rack%3Db&group=tag%3Arack", heatmap.QuerySelector(".tag-filter .tag-remove")!.GetAttribute("href"));
        Assert.Contains(heatmap.QuerySelectorAll("select[name=group] option"), o => o.GetAttribute("value") == "tag:rack" && o.HasAttribute("selected"));
    }

    [Fact]
    public async Task UnknownNames_PageFallsBackAndSaysSo_StreamRefusesWith400()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("a-1")));
        var client = factory.CreateClient();

        var (page, _, doc) = await Html.GetAsync(client, "/?view=heatmap&metric=evil");
        using var stream = await client.GetAsync(new Uri("/api/cluster/heatmap/stream?metric=evil&layout=0123456789abcdef", UriKind.Relative));
        using var noLayout = await client.GetAsync(new Uri("/api/cluster/heatmap/stream", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("metric \"evil\" is not one of cpu, mem, load, disk, swap; showing cpu.", doc.QuerySelector(".query-notices li")!.TextContent);
        Assert.Equal(HttpStatusCode.BadRequest, stream.StatusCode);
        Assert.Equal("metric \"evil\" is not one of cpu, mem, load, disk, swap; showing cpu.\n", await stream.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, noLayout.StatusCode);
        Assert.Contains("layout must be", await noLayout.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NodePage_ListsTheTags()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(WithCpu("a-1", 1, tags: [("zone", "x"), ("rack", Hostile)])));

        var (_, body, doc) = await Html.GetAsync(factory.CreateClient(), "/nodes/a-1");

        Assert.Equal($"rack={Hostile} zone=x", doc.QuerySelector("dd[data-fact='tags']")!.TextContent);
        Assert.DoesNotContain("<img", body, StringComparison.Ordinal);
    }
}
