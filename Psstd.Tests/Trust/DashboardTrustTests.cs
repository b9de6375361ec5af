using System.Net;
using Psstd.Contracts;
using Psstd.Dashboard.Api;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Trust;
using Psstd.Tests.Dashboard;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Trust;

/// <summary>
/// Issue rows 4, 8 and 11 replayed on the real dashboard in memory: forged peers' dashboards, hostile Host
/// headers, a padded query string, many stream clients, and URLs a header cannot carry.
/// </summary>
public sealed class DashboardTrustTests
{
    [Fact]
    public async Task ForgedQuietPeer_WithAForeignDashboard_GetsNeitherRedirectNorLink()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(BusySelfAnd(Node("idle", dashboardUrl: "http://evil.example/", gossipAddress: "127.0.0.66:7947", metrics: Quiet)));

        var (page, body, doc) = await Html.GetAsync(NoRedirects(factory), "/");
        var (poll, _, _) = await Html.GetAsync(NoRedirects(factory), "/", htmx: true);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.False(poll.Headers.Contains("HX-Redirect"));
        Assert.DoesNotContain("evil.example", body, StringComparison.Ordinal);
        Assert.NotEmpty(doc.QuerySelectorAll("article.node"));
    }

    [Fact]
    public async Task PeerOnAListedHost_IsStillHandedTo()
    {
        using var factory = new DashboardFactory { Settings = Settings(DashboardHosts.Variable, "*.example.com") };
        factory.Agent.Serve(BusySelfAnd(Node("quiet", dashboardUrl: "https://psstd-quiet.example.com/", gossipAddress: "10.0.1.26:7947", metrics: Quiet)));

        var (page, _, _) = await Html.GetAsync(NoRedirects(factory), "/");

        Assert.Equal(HttpStatusCode.SeeOther, page.StatusCode);
        Assert.StartsWith("https://psstd-quiet.example.com/", page.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://a.example/x\r\nSet-Cookie: pwned=1")]
    [InlineData("http://bücher.example/ü")]
    [InlineData("http://a.example/\u202Egnp.exe")]
    public async Task UrlsAHeaderCannotCarry_NeverFailThePage(string url)
    {
        using var factory = new DashboardFactory { Settings = Settings(DashboardHosts.Variable, "*.example") };
        factory.Agent.Serve(BusySelfAnd(Node("odd", dashboardUrl: url, gossipAddress: "10.0.1.26:7947", metrics: Quiet)));

        for (var i = 0; i < 6; i++)
        {
            var (page, _, _) = await Html.GetAsync(NoRedirects(factory), "/");
            var (poll, _, _) = await Html.GetAsync(NoRedirects(factory), "/", htmx: true);

            Assert.True(page.StatusCode is HttpStatusCode.OK or HttpStatusCode.SeeOther, $"page answered {page.StatusCode}");
            Assert.Equal(HttpStatusCode.OK, poll.StatusCode);
            var location = page.Headers.Location?.OriginalString ?? "";
            Assert.All(location, c => Assert.True(c is > ' ' and < '\u007f', $"Location carries {(int)c:x}"));
            Assert.DoesNotContain("pwned", location, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("evil.example", HttpStatusCode.BadRequest)]
    [InlineData("rebind.attacker.example:8080", HttpStatusCode.BadRequest)]
    [InlineData("127.0.0.1:8080", HttpStatusCode.OK)]
    [InlineData("[::1]:8080", HttpStatusCode.OK)]
    [InlineData("localhost", HttpStatusCode.OK)]
    [InlineData("dash-host", HttpStatusCode.OK)]
    [InlineData("psstd.example.com", HttpStatusCode.OK)]
    [InlineData("node-a.example.net", HttpStatusCode.OK)]
    public async Task OnlyKnownHostHeaders_AreAnswered(string host, HttpStatusCode expected)
    {
        using var factory = new DashboardFactory
        {
            Settings = Settings(DashboardHosts.Variable, "*.example.net") with { HostName = "dash-host", AdvertisedUrl = "https://psstd.example.com/?psstd_node=a" },
        };
        factory.Agent.Serve(Snapshot(Node("a", isSelf: true)));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = host;

        using var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.BadRequest)
        {
            Assert.DoesNotContain(host, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/api/cluster")]
    [InlineData("/css/site.css")]
    public async Task EveryAnswer_CarriesCspFrameAndNosniffHeaders(string path)
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("a", isSelf: true)));

        using var response = await factory.CreateClient().GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TrustMiddleware.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Contains("frame-ancestors 'none'", TrustMiddleware.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", TrustMiddleware.ContentSecurityPolicy, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
    }

    [Fact]
    public async Task PaddedQueryString_IsNotCopiedIntoLinks()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot([.. Enumerable.Range(0, 50).Select(i => Node($"n{i}", isSelf: i == 0, dashboardUrl: $"http://10.0.0.{i + 1}:8080/"))]));
        var padding = new string('A', 7 * 1024);

        var (_, plain, _) = await Html.GetAsync(factory.CreateClient(), "/?sort=mem");
        var (response, padded, _) = await Html.GetAsync(factory.CreateClient(), $"/?sort=mem&junk={padding}&psstd_node={padding}&theme={padding}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(padding[..200], padded, StringComparison.Ordinal);
        Assert.InRange(padded.Length, plain.Length - 64, plain.Length + 1024);
    }

    [Fact]
    public async Task StreamClients_ShareOneAgentPoll_AndAreCappedPerAddress()
    {
        using var factory = new DashboardFactory { StreamLimits = new StreamLimits { PerAddress = 3, Total = 10 } };
        factory.Agent.Serve(Snapshot(Node("a", isSelf: true)));
        var client = factory.CreateClient();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var open = new List<HttpResponseMessage>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var stream = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, ClusterApiEndpoints.Stream), HttpCompletionOption.ResponseHeadersRead, cts.Token);
                Assert.Equal(HttpStatusCode.OK, stream.StatusCode);
                open.Add(stream);
                using var reader = new StreamReader(await stream.Content.ReadAsStreamAsync(cts.Token), leaveOpen: true);
                Assert.Equal("event: snapshot", await reader.ReadLineAsync(cts.Token));
            }

            using var refused = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, ClusterApiEndpoints.Stream), HttpCompletionOption.ResponseHeadersRead, cts.Token);

            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.Equal(1, factory.Agent.ClusterRequests);
        }
        finally
        {
            open.ForEach(r => r.Dispose());
        }
    }

    private static readonly NodeMetrics Quiet = SampleMetrics(4) with { CpuBusyPercent = 2, Load1 = 0.05 };

    private static ClusterSnapshot BusySelfAnd(NodeSnapshot peer) => Snapshot(
        Node("busy", isSelf: true, dashboardUrl: "http://10.0.1.25:8080/", metrics: SampleMetrics(4) with { CpuBusyPercent = 95 }),
        peer);

    private static DashboardSettings Settings(string variable, string value) =>
        DashboardSettings.FromEnvironment(new Dictionary<string, string> { [variable] = value }, "test-host") with
        {
            SocketPath = DashboardFactory.SocketPath,
        };

    private static HttpClient NoRedirects(DashboardFactory factory) =>
        factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}
