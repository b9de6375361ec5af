using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Psstd.Dashboard.Access;
using Psstd.Dashboard.Api;
using Psstd.Dashboard.Trust;
using Psstd.Tests.Support;
using Psstd.Tests.Support.Harness;

namespace Psstd.Tests.Integration;

/// <summary>
/// Issue rows 8 and item 7 against a real agent and dashboard on loopback, behind access control as a Traefik
/// forward-auth setup runs it: a rebinding Host is refused, strangers get 401, the proxy's user header counts
/// only from the proxy's address, a bearer token works for scripts, every answer carries the security headers,
/// and stream clients beyond the per-address cap get 429.
/// </summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Integration")]
public sealed class DashboardTrustProcessTests : IDisposable
{
    private const string Token = "a-script-token";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task RealDashboard_RefusesRebindingStrangersAndExtraStreams_LetsTheProxyAndTokensIn()
    {
        await using var cluster = LocalCluster.Start(TestClusters.Spec(_root.Path, 1, new Dictionary<string, string>
        {
            [AccessSettings.UserHeaderVariable] = "X-Forwarded-User",
            [AccessSettings.TrustedProxiesVariable] = "127.0.0.1,::1",
            [AccessSettings.TokensVariable] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Token))),
        }), _ => { }, TimeProvider.System);
        await cluster.WaitUntilReadyAsync(ReadyTimeout, CancellationToken.None);
        var url = cluster.Nodes[0].DashboardUrl;
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = url, Timeout = TimeSpan.FromSeconds(20) };

        using (var rebinding = await SendAsync(http, "/", r => r.Headers.Host = "rebind.attacker.example"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, rebinding.StatusCode);
        }

        using (var stranger = await SendAsync(http, "/", _ => { }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, stranger.StatusCode);
        }

        using (var viaProxy = await SendAsync(http, "/", r => r.Headers.Add("X-Forwarded-User", "ops")))
        {
            Assert.Equal(HttpStatusCode.OK, viaProxy.StatusCode);
            Assert.Equal(TrustMiddleware.ContentSecurityPolicy, Assert.Single(viaProxy.Headers.GetValues("Content-Security-Policy")));
            Assert.Equal("DENY", Assert.Single(viaProxy.Headers.GetValues("X-Frame-Options")));
            Assert.Equal("nosniff", Assert.Single(viaProxy.Headers.GetValues("X-Content-Type-Options")));
        }

        using (var script = await SendAsync(http, "/api/cluster", r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token)))
        {
            Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        }

        var streams = new List<HttpResponseMessage>();
        try
        {
            var limit = new StreamLimits().PerAddress;
            for (var i = 0; i <= limit; i++)
            {
                streams.Add(await SendAsync(http, ClusterApiEndpoints.Stream, r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token), headersOnly: true));
            }

            Assert.All(streams.Take(limit), s => Assert.Equal(HttpStatusCode.OK, s.StatusCode));
            Assert.Equal(HttpStatusCode.TooManyRequests, streams[^1].StatusCode);
        }
        finally
        {
            streams.ForEach(s => s.Dispose());
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient http, string path, Action<HttpRequestMessage> shape, bool headersOnly = false)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        shape(request);
        return await http.SendAsync(request, headersOnly ? HttpCompletionOption.ResponseHeadersRead : HttpCompletionOption.ResponseContentRead);
    }

    public void Dispose() => _root.Dispose();
}
