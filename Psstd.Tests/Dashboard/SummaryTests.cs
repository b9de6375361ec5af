using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Psstd.Contracts;
using Psstd.Dashboard.ViewModels;
using static Psstd.Tests.Dashboard.TestSnapshots;
using Psstd.ClusterView;

namespace Psstd.Tests.Dashboard;

/// <summary>The summary band's busiest and quietest nodes in words, and response compression of what the page polls.</summary>
public sealed class SummaryTests
{
    [Fact]
    public void Extremes_AreTwoDifferentNodes_EvenWhenEveryScoreIsEqual()
    {
        var (hottest, quietest, only) = ClusterViewModelBuilder.Extremes([Busy("b", 10), Busy("a", 10), Busy("c", 10)]);

        Assert.Equal(("a: CPU 10 %, load 0.0 per core", "b: CPU 10 %, load 0.0 per core", ""), (hottest, quietest, only));
    }

    [Fact]
    public void Extremes_TakeTheBusiestAndTheQuietestFreshNode()
    {
        var (hottest, quietest, _) = ClusterViewModelBuilder.Extremes(
            [Busy("a", 40), Busy("b", 90), Busy("c", 5), Busy("d", 99) with { Health = NodeHealth.Stale }, Busy("e", 1) with { Health = NodeHealth.Offline }]);

        Assert.Equal(("b: CPU 90 %, load 0.0 per core", "c: CPU 5 %, load 0.0 per core"), (hottest, quietest));
    }

    [Fact]
    public async Task Summary_SaysCpuAndLoadPerCore_InWords_AndExplainsTheRankingOnHover()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(
            Node("calm", metrics: SampleMetrics(8) with { CpuBusyPercent = 30, Load1 = 0.8 }),
            Node("queued", metrics: SampleMetrics(2) with { CpuBusyPercent = 45.4, Load1 = 21.8 })));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/");

        // A long run queue ranks a node busiest even when its CPU looks modest: the words show both.
        var busiest = doc.QuerySelector(".summary-hottest")!;
        Assert.Equal("busiest queued: CPU 45 %, load 10.9 per core", busiest.TextContent);
        Assert.Equal("quietest calm: CPU 30 %, load 0.1 per core", doc.QuerySelector(".summary-quietest")!.TextContent);
        Assert.Contains("load per core", busiest.GetAttribute("title"), StringComparison.Ordinal);
    }

    [Fact]
    public void Extremes_OneFreshNode_IsNamedOnce()
    {
        var (hottest, quietest, only) = ClusterViewModelBuilder.Extremes([Busy("a", 40), Busy("b", 5) with { Health = NodeHealth.Stale }]);

        Assert.Equal(("", "", "a: CPU 40 %, load 0.0 per core"), (hottest, quietest, only));
    }

    [Fact]
    public void Extremes_NoFreshNode_NamesNone() =>
        Assert.Equal(("", "", ""), ClusterViewModelBuilder.Extremes([Busy("a", 40) with { Health = NodeHealth.Offline }]));

    [Fact]
    public async Task Summary_NeverNamesTheSameNodeHottestAndQuietest()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Busy("a", 30), Busy("b", 30)));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/");

        Assert.Equal("busiest a: CPU 30 %, load 0.0 per core", doc.QuerySelector(".summary-hottest")!.TextContent);
        Assert.Equal("quietest b: CPU 30 %, load 0.0 per core", doc.QuerySelector(".summary-quietest")!.TextContent);
    }

    [Fact]
    public async Task Summary_WithOneNode_SaysItIsTheOnlyOne()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Busy("solo", 12)));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/");

        Assert.Null(doc.QuerySelector(".summary-hottest"));
        Assert.Null(doc.QuerySelector(".summary-quietest"));
        Assert.Equal("only fresh node solo: CPU 12 %, load 0.0 per core", doc.QuerySelector(".summary-only")!.TextContent);
    }

    [Fact]
    public async Task Summary_PastTheGossipBudget_SaysHowOftenNodesReport()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("self", isSelf: true) with { IntervalSeconds = 10 }, Node("peer") with { IntervalSeconds = 9 }) with { PublishStride = 10 });

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/");

        Assert.Equal("large cluster: nodes report every 10 s to stay within the gossip budget", doc.QuerySelector("#summary .summary-paced")!.TextContent);
    }

    [Fact]
    public async Task Summary_PublishingEveryInterval_SaysNothingAboutPace()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("self", isSelf: true) with { IntervalSeconds = 1 }, Node("peer") with { IntervalSeconds = 1 }));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), "/");

        Assert.NotNull(doc.QuerySelector("#summary .summary-total"));
        Assert.Null(doc.QuerySelector(".summary-paced"));
    }

    [Theory]
    [InlineData(2, 2.0, "every 2 s")]
    [InlineData(3, 0.3, "every 0.3 s")] // a period is never cut to whole seconds: "0 s" would be false
    [InlineData(3, 1.5, "every 1.5 s")]
    [InlineData(4, 0.0, "every 4 intervals")] // this node's own record not held (yet)
    public void PaceNotice_NamesThisNodesDeclaredInterval(int stride, double selfInterval, string every)
    {
        var self = Node("self", isSelf: true) with { IntervalSeconds = selfInterval };
        var snapshot = Snapshot(self, Node("peer") with { IntervalSeconds = 7 }) with { PublishStride = stride };

        Assert.Equal($"large cluster: nodes report {every} to stay within the gossip budget", PaceNotice.Text(snapshot));
    }

    [Theory]
    [InlineData("gzip", "gzip")]
    [InlineData("br", "br")]
    [InlineData("gzip, deflate, br, zstd", "gzip")]
    public async Task Partial_IsCompressed_WhenTheBrowserAsks(string accepted, string encoding)
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Enumerable.Range(0, 100).Select(i => Node($"n{i:D3}", cores: 16)).ToArray()));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/?psstd_node=n001");
        request.Headers.Add("HX-Request", "true");
        request.Headers.TryAddWithoutValidation("Accept-Encoding", accepted);

        using var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([encoding], response.Content.Headers.ContentEncoding);
        var compressed = await response.Content.ReadAsByteArrayAsync();
        using var decoder = encoding == "gzip"
            ? (Stream)new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress)
            : new BrotliStream(new MemoryStream(compressed), CompressionMode.Decompress);
        var html = await new StreamReader(decoder).ReadToEndAsync();
        Assert.Equal(100, Html.Parse(html).QuerySelectorAll("#nodes article.node").Length);
        Assert.True(compressed.Length * 5 < html.Length, $"{compressed.Length} compressed bytes for {html.Length} characters");
    }

    [Fact]
    public async Task ApiCluster_IsCompressed_ButTheEventStreamIsNot()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Enumerable.Range(0, 50).Select(i => Node($"n{i:D3}")).ToArray()));
        var client = factory.CreateClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        using var api = new HttpRequestMessage(HttpMethod.Get, "/api/cluster");
        api.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var apiResponse = await client.SendAsync(api, cts.Token);
        using var stream = new HttpRequestMessage(HttpMethod.Get, "/api/cluster/stream");
        stream.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        using var streamResponse = await client.SendAsync(stream, HttpCompletionOption.ResponseHeadersRead, cts.Token);

        Assert.Equal(["gzip"], apiResponse.Content.Headers.ContentEncoding);
        Assert.Equal("text/event-stream", streamResponse.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("gzip", streamResponse.Content.Headers.ContentEncoding);
    }

    private static NodeSnapshot Busy(string name, double cpu) =>
        Node(name, metrics: SampleMetrics(4) with { CpuBusyPercent = cpu, Load1 = 0 });
}
