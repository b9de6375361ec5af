using System.Net;
using Psstd.AppHost.Model;
using Psstd.Contracts;
using Psstd.Tests.Support;
using Psstd.Tests.Support.Harness;

namespace Psstd.Tests.Integration;

/// <summary>
/// What the record's extension carries between three real agents on loopback: tags and the CPU split reach every
/// peer, and a silence set on one agent is listed by all, survives that agent's restart and ends when it says so.
/// </summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Integration")]
public sealed class SilenceProcessTests : IDisposable
{
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Spread = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task TagsAndCpuSplit_ReachEveryPeer_AndASilenceSetOnOneIsListedByAll_KeptOverARestart_AndEndedByIt()
    {
        var spec = TestClusters.Spec(_root.Path, 3, new Dictionary<string, string> { ["PSSTD_NODE_TTL"] = "8s", ["PSSTD_TAGS"] = "role=test,rack=r-1" }, dashboards: false);
        await using var cluster = LocalCluster.Start(spec, _ => { }, TimeProvider.System);
        try
        {
            await cluster.WaitUntilReadyAsync(TimeSpan.FromSeconds(90), CancellationToken.None);
            var (a, b) = (cluster.Nodes[0], cluster.Nodes[1]);
            await AgentSnapshots.EveryObserverAsync(cluster.Nodes, "sees 3 fresh nodes with their tags and CPU split", Spread, snapshot =>
                snapshot.Nodes.Count == 3 && snapshot.Nodes.All(n => n.Health == NodeHealth.Fresh
                    && n.Tags.Count == 2 && n.Tags["role"] == "test" && n.Tags["rack"] == "r-1"
                    && n.Metrics.CpuShares is not null && n.Metrics.MemoryCacheBytes is not null
                    && n.Metrics.CoreKernelPercent.Count == n.Metrics.CoreBusyPercent.Count));

            using var agent = Client(a);
            var refused = await PostAsync(agent, "?rule=cpu&node=web-*&for=5s");
            Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
            Assert.Contains("for must be between 1m and 30d", refused.Text, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.BadRequest, (await PostAsync(agent, "?rule=cpu high&for=1h")).Status);

            var set = await PostAsync(agent, "?rule=cpu-*&node=web-?&for=2h&comment=kernel%20upgrade");
            Assert.Equal(HttpStatusCode.Created, set.Status);
            var id = Guid.Parse(set.Text.Trim());

            await AgentSnapshots.EveryObserverAsync(cluster.Nodes, "lists the silence, honoured", Spread, snapshot =>
                snapshot.Silences.SingleOrDefault() is { } s && s.Id == id && s.Rule == "cpu-*" && s.Node == "web-?" && s.Comment == "kernel upgrade"
                && s.OriginName == a.Name && s.Honoured && s.RemainingSeconds is > 7000 and <= 7200);

            cluster.Agent(a.Name).Kill();
            cluster.RestartAgent(a.Name);
            await AgentSnapshots.EveryObserverAsync(cluster.Nodes, "still lists the silence after its agent restarted", Spread, snapshot =>
                snapshot.Nodes.Single(n => n.Name == a.Name).Generation > 1 && snapshot.Silences.SingleOrDefault()?.Id == id);

            using (var other = Client(b))
            {
                using var elsewhere = await other.DeleteAsync(new Uri(LocalApiRoutes.SilenceOf(id), UriKind.Relative));
                Assert.Equal(HttpStatusCode.NotFound, elsewhere.StatusCode);
            }

            using var restarted = Client(a);
            using var ended = await restarted.DeleteAsync(new Uri(LocalApiRoutes.SilenceOf(id), UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
            await AgentSnapshots.EveryObserverAsync(cluster.Nodes, "no longer lists the silence", Spread, snapshot => snapshot.Silences.Count == 0);
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}{Environment.NewLine}{cluster.DescribeOutput()}", ex);
        }
    }

    public void Dispose() => _root.Dispose();

    private static HttpClient Client(NodeSpec node)
    {
        var client = AgentSocket.Client(node.SocketPath);
        client.Timeout = Answer;
        return client;
    }

    private static async Task<(HttpStatusCode Status, string Text)> PostAsync(HttpClient agent, string query)
    {
        using var response = await agent.PostAsync(new Uri(LocalApiRoutes.Silences + query, UriKind.Relative), content: null);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
