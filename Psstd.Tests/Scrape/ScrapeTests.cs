using System.Net;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;
using Psstd.Tests.Dashboard;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Scrape;

/// <summary><c>/metrics</c>: the whole cluster from one dashboard, one series per node and metric, fresh figures only.</summary>
public sealed class ScrapeTests
{
    [Fact]
    public async Task EveryFreshNode_HasItsFigures_AndCores_LabelledByNode_AndEveryNodeItsHealth()
    {
        using var factory = new DashboardFactory();
        var web = Node("web-1", cores: 2, metrics: SampleMetrics(2) with { CpuBusyPercent = 37.5, Load1 = 1.25 });
        var gone = Node("db-1", NodeHealth.Offline, metrics: SampleMetrics(4) with { CpuBusyPercent = 99 });
        factory.Agent.Serve(Snapshot(web, gone));

        var samples = await ScrapeAsync(factory);

        Assert.Equal(0.375, Value(samples, "psstd_node_cpu_busy_ratio", web));
        Assert.Equal(1.25, Value(samples, "psstd_node_load1", web));
        Assert.Equal(16L * 1024 * 1024 * 1024, Value(samples, "psstd_node_memory_total_bytes", web));
        Assert.Equal([0.0, 0.07], samples.Where(s => s.Name == "psstd_node_core_busy_ratio" && s.Labels["node"] == "web-1")
            .OrderBy(s => s.Labels["core"], StringComparer.Ordinal).Select(s => s.Value));
        var webHealth = Assert.Single(samples, s => s.Name == "psstd_node_health" && s.Labels["node"] == "web-1");
        Assert.Equal(("fresh", 1.0), (webHealth.Labels["state"], webHealth.Value));

        // The offline node: its state, never its last figures as if they were current.
        var health = Assert.Single(samples, s => s.Name == "psstd_node_health" && s.Labels["node"] == "db-1");
        Assert.Equal("offline", health.Labels["state"]);
        Assert.DoesNotContain(samples, s => s.Labels.GetValueOrDefault("node") == "db-1" && s.Name != "psstd_node_health");
    }

    [Fact]
    public async Task ANodeThatStopsReporting_LosesItsFigures_AndANodeThatIsForgottenByTheAgent_Disappears()
    {
        using var factory = new DashboardFactory();
        var a = Node("a");
        var b = Node("b");
        factory.Agent.Serve(Snapshot(a, b));
        Assert.Contains(await ScrapeAsync(factory), s => s.Name == "psstd_node_cpu_busy_ratio" && s.Labels["node"] == "b");

        factory.Agent.Serve(Snapshot(a, b with { Health = NodeHealth.Suspect }));
        var second = await ScrapeAsync(factory);
        Assert.DoesNotContain(second, s => s.Name == "psstd_node_cpu_busy_ratio" && s.Labels["node"] == "b");
        Assert.Equal("suspect", Assert.Single(second, s => s.Name == "psstd_node_health" && s.Labels["node"] == "b").Labels["state"]);

        factory.Agent.Serve(Snapshot(a));
        Assert.DoesNotContain(await ScrapeAsync(factory), s => s.Labels.GetValueOrDefault("node") == "b");
    }

    [Fact]
    public async Task AHostileName_IsEscaped_SoTheExpositionStaysWellFormed()
    {
        using var factory = new DashboardFactory();
        const string Name = "evil\"} 1\npsstd_node_load1{node=\"x\\";
        factory.Agent.Serve(Snapshot(Node(Name)));

        var samples = await ScrapeAsync(factory);

        Assert.Contains(samples, s => s.Name == "psstd_node_load1" && s.Labels["node"] == Name);
        Assert.DoesNotContain(samples, s => s.Labels.GetValueOrDefault("node") == "x");
    }

    [Fact]
    public async Task OpenMetrics_WhenTheScraperAsksForIt()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("a")));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Accept.ParseAdd("application/openmetrics-text; version=1.0.0");

        using var response = await factory.CreateClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("application/openmetrics-text", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        Assert.Contains(Exposition.Read(await response.Content.ReadAsStringAsync(), openMetrics: true), s => s.Name == "psstd_node_load1");
    }

    [Fact]
    public async Task NoAgent_Is503_WithTheReason_NotOldFigures()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("a")));
        await ScrapeAsync(factory);
        factory.Agent.Fail(AgentOutcome.Unreachable, "connection refused");

        using var response = await factory.CreateClient().GetAsync(new Uri("/metrics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("connection refused", body, StringComparison.Ordinal);
        Assert.DoesNotContain("psstd_node", body, StringComparison.Ordinal);
    }

    private static async Task<IReadOnlyList<Exposition.Sample>> ScrapeAsync(DashboardFactory factory)
    {
        using var response = await factory.CreateClient().GetAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain; version=0.0.4", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        return Exposition.Read(await response.Content.ReadAsStringAsync());
    }

    private static double Value(IReadOnlyList<Exposition.Sample> samples, string name, NodeSnapshot node) =>
        Assert.Single(samples, s => s.Name == name && s.Labels["node"] == node.Name && s.Labels["node_id"] == node.Id.ToString("D")).Value;
}
