using System.Net;
using System.Text.Json;
using Psstd.Dashboard.AgentClient;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Dashboard;

public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Healthz_AgentDown_Is503WithTheAgentCheckUnhealthy()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Fail(AgentOutcome.Unreachable, "Connection refused");

        var (status, json) = await GetHealthAsync(factory);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Equal("Unhealthy", json.GetProperty("status").GetString());
        var agent = json.GetProperty("checks").GetProperty("agent");
        Assert.Equal("Unhealthy", agent.GetProperty("status").GetString());
        Assert.Equal($"agent not reachable at {DashboardFactory.SocketPath}: Connection refused", agent.GetProperty("description").GetString());
    }

    [Fact]
    public async Task Healthz_AgentHealthy_Is200()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("a")));

        var (status, json) = await GetHealthAsync(factory);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", json.GetProperty("checks").GetProperty("agent").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Healthz_AgentReportsAProblem_IsDegradedButServing()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Fail(AgentOutcome.AnsweredWithError, "HTTP 503 Service Unavailable from /healthz");

        var (status, json) = await GetHealthAsync(factory);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Degraded", json.GetProperty("checks").GetProperty("agent").GetProperty("status").GetString());
    }

    private static async Task<(HttpStatusCode Status, JsonElement Json)> GetHealthAsync(DashboardFactory factory)
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var response = await factory.CreateClient().GetAsync(new Uri("/healthz", UriKind.Relative), cts.Token);
        var body = await response.Content.ReadAsStringAsync(cts.Token);
        using var doc = JsonDocument.Parse(body);
        return (response.StatusCode, doc.RootElement.Clone());
    }
}
