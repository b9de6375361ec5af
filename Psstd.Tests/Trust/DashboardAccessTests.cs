using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Psstd.Configuration;
using Psstd.Dashboard.Access;
using Psstd.Dashboard.Configuration;
using Psstd.Tests.Dashboard;
using Psstd.Tests.Support;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Trust;

/// <summary>Issue item 7: optional access control, basic credentials from an htpasswd file and bearer tokens by their hash.</summary>
public sealed class DashboardAccessTests : IDisposable
{
    private const string Token = "s3cret-token-for-scripts";
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task WithUsers_NoCredentials_Get401WithABasicChallenge_TheHealthCheckStaysOpen()
    {
        using var factory = Factory();

        using var page = await factory.CreateClient().GetAsync(new Uri("/", UriKind.Relative));
        using var health = await factory.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Contains(page.Headers.WwwAuthenticate, h => h.Scheme == "Basic");
        Assert.Contains(page.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        Assert.NotEqual(HttpStatusCode.Unauthorized, health.StatusCode);
    }

    [Fact]
    public async Task Metrics_NeedCredentialsToo_ABearerTokenAsPrometheusSendsIt()
    {
        using var factory = Factory();
        var client = factory.CreateClient();

        using var anonymous = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        using var scraper = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scraper.StatusCode);
        Assert.Contains("psstd_node_health", await scraper.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Basic", "ops:correct horse", HttpStatusCode.OK)]
    [InlineData("Basic", "ops:wrong", HttpStatusCode.Unauthorized)]
    [InlineData("Basic", "nobody:correct horse", HttpStatusCode.Unauthorized)]
    [InlineData("Basic", "no-colon", HttpStatusCode.Unauthorized)]
    [InlineData("Bearer", Token, HttpStatusCode.OK)]
    [InlineData("Bearer", "guess", HttpStatusCode.Unauthorized)]
    public async Task Credentials_AreCheckedAgainstTheStoredHashes(string scheme, string secret, HttpStatusCode expected)
    {
        using var factory = Factory();
        var client = factory.CreateClient();
        var parameter = scheme == "Basic" ? Convert.ToBase64String(Encoding.UTF8.GetBytes(secret)) : secret;

        // Twice: the second answer comes from the remembered verification and must agree with the first.
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/");
            request.Headers.Authorization = new AuthenticationHeaderValue(scheme, parameter);
            using var response = await client.SendAsync(request);
            Assert.Equal(expected, response.StatusCode);
        }
    }

    [Fact]
    public async Task ProxyUserHeader_IsIgnored_FromAnAddressNotListed()
    {
        using var factory = Factory(new() { [AccessSettings.UserHeaderVariable] = "X-Forwarded-User", [AccessSettings.TrustedProxiesVariable] = "10.9.9.9" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("X-Forwarded-User", "mallory");

        using var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("PSSTD_HTTP_TOKEN_SHA256", "abc", "64 hex digits")]
    [InlineData("PSSTD_HTTP_USER_HEADER", "X-Forwarded-User", "needs PSSTD_HTTP_TRUSTED_PROXIES")]
    [InlineData("PSSTD_HTTP_TRUSTED_PROXIES", "10.0.0.0/99", "CIDR")]
    [InlineData("PSSTD_HTTP_HTPASSWD", "/nonexistent/htpasswd", "readable htpasswd file")]
    public void BadAccessSetting_IsRefusedNamingIt(string variable, string value, string rule)
    {
        var ex = Assert.Throws<StartupConfigurationException>(
            () => DashboardSettings.FromEnvironment(new Dictionary<string, string> { [variable] = value }, "host-a"));

        Assert.Contains($"{variable}=\"{value}\"", ex.Message, StringComparison.Ordinal);
        Assert.Contains(rule, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ops:$apr1$abc$def", "line 1 must be user:bcrypt-hash")]
    [InlineData("ops", "line 1 must be user:bcrypt-hash")]
    [InlineData("# only a comment", "at least one")]
    public void HtpasswdWithoutBcrypt_IsRefused(string content, string rule)
    {
        var file = _dir.File("weak.htpasswd");
        File.WriteAllText(file, content + "\n");

        var ex = Assert.Throws<StartupConfigurationException>(
            () => DashboardSettings.FromEnvironment(new Dictionary<string, string> { [AccessSettings.HtpasswdVariable] = file }, "host-a"));

        Assert.Contains(rule, ex.Message, StringComparison.Ordinal);
    }

    private DashboardFactory Factory(Dictionary<string, string>? extra = null)
    {
        var file = _dir.File("htpasswd");

        // htpasswd -B writes $2y$, the same algorithm as the $2a$/$2b$ this library writes; cost 4 keeps the test quick.
        File.WriteAllText(file, "# psstd users\nops:" + "$2y$" + BCrypt.Net.BCrypt.HashPassword("correct horse", 4)[4..] + "\n");
        var env = new Dictionary<string, string>
        {
            [AccessSettings.HtpasswdVariable] = file,
            [AccessSettings.TokensVariable] = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(Token))),
        };
        foreach (var (key, value) in extra ?? [])
        {
            env[key] = value;
        }

        var factory = new DashboardFactory
        {
            Settings = DashboardSettings.FromEnvironment(env, "test-host") with { SocketPath = DashboardFactory.SocketPath },
        };
        factory.Agent.Serve(Snapshot(Node("a", isSelf: true)));
        return factory;
    }

    public void Dispose() => _dir.Dispose();
}
