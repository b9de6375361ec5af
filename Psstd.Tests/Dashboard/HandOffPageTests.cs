using System.Net;
using Microsoft.Extensions.Time.Testing;
using Psstd.Contracts;
using Psstd.Dashboard.Preferences;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Dashboard;

/// <summary>The hot-potato rule as the browser meets it: a redirect with the query carried and the hop counted.</summary>
public sealed class HandOffPageTests
{
    private static readonly long Now = DashboardFactory.Start.ToUnixTimeSeconds();

    [Fact]
    public async Task BusyNode_HtmxPoll_GetsHxRedirect_ToTheQuietPeer_WithQueryAndHop()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(BusySelfAndQuietPeer());

        var (response, body, _) = await Html.GetAsync(NoRedirects(factory), "/?psstd_node=busy&sort=mem&palette=ocean", htmx: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(body);
        var target = Assert.Single(response.Headers.GetValues("HX-Redirect"));
        Assert.Equal($"http://quiet.test:8080/?psstd_node=busy&sort=mem&palette=ocean&psstd_hops=1&psstd_hop_at={Now}", target);
    }

    [Fact]
    public async Task BusyNode_FullPage_Gets303_ToThePeersAdvertisedUrl_ItsOwnPinWinning()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(BusySelfAndQuietPeer("http://proxy.test/?psstd_node=quiet"));

        var (response, _, _) = await Html.GetAsync(NoRedirects(factory), "/?psstd_node=busy&theme=dark&psstd_hops=1&psstd_hop_at=" + (Now - 10));

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal(
            $"http://proxy.test/?psstd_node=quiet&theme=dark&psstd_hops=2&psstd_hop_at={Now - 10}",
            response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task BusyNode_AfterTwoHopsInAMinute_ShowsThePage_AndKeepsTheHopState()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(BusySelfAndQuietPeer());
        var url = $"/?psstd_hops=2&psstd_hop_at={Now - 30}";

        var (response, _, doc) = await Html.GetAsync(NoRedirects(factory), url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(url, doc.QuerySelector("#poller")!.GetAttribute("hx-get"));

        // A minute after the window opened, the browser may move again.
        factory.Time.Advance(TimeSpan.FromSeconds(30));
        var (later, _, _) = await Html.GetAsync(NoRedirects(factory), url);
        Assert.Equal(HttpStatusCode.SeeOther, later.StatusCode);
    }

    [Fact]
    public async Task ManualLinksToPeers_DoNotCarryTheHopState()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("a", isSelf: true), Node("b", dashboardUrl: "http://b.test/")));

        var (_, _, doc) = await Html.GetAsync(factory.CreateClient(), $"/?psstd_hops=1&psstd_hop_at={Now}&sort=cpu");

        Assert.Equal("http://b.test/?sort=cpu", doc.QuerySelector("a.node-link")!.GetAttribute("href"));
    }

    [Fact]
    public async Task CalmNode_NeverRedirects()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(
            Node("calm", isSelf: true, metrics: SampleMetrics(4) with { CpuBusyPercent = 40, Load1 = 0 }),
            Node("idle", dashboardUrl: "http://idle.test/", metrics: SampleMetrics(4) with { CpuBusyPercent = 0, Load1 = 0 })));

        var (response, _, _) = await Html.GetAsync(NoRedirects(factory), "/", htmx: true);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("HX-Redirect"));
    }

    private static HttpClient NoRedirects(DashboardFactory factory) =>
        factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    private static ClusterSnapshot BusySelfAndQuietPeer(string quietUrl = "http://quiet.test:8080/") => Snapshot(
        Node("busy", isSelf: true, dashboardUrl: "http://busy.test:8080/", metrics: SampleMetrics(4) with { CpuBusyPercent = 95 }),
        Node("quiet", dashboardUrl: quietUrl, metrics: SampleMetrics(4) with { CpuBusyPercent = 5, Load1 = 0.1 }));
}
