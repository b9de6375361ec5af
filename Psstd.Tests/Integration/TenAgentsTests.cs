using System.Net.Http.Json;
using Psstd.AppHost.Model;
using Psstd.AppHost.Running;
using Psstd.Tests.Support.Harness;
using Psstd.Contracts;
using Psstd.Tests.Support;

namespace Psstd.Tests.Integration;

/// <summary>
/// Ten real agents on loopback (no dashboards: twenty processes would only measure this 2-core
/// machine), read through their own Unix sockets.
/// </summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Integration")]
public sealed class TenAgentsTests : IDisposable
{
    private const int Count = 10;
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(8);
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task Converge_SuspectThenOfflineAKilledNode_AndTakeItBackFreshUnderANewGeneration()
    {
        await using var cluster = LocalCluster.Start(TestClusters.Spec(_root.Path, Count, new Dictionary<string, string> { ["PSSTD_NODE_TTL"] = $"{Ttl.TotalSeconds}s" }, dashboards: false), _ => { }, TimeProvider.System);
        try
        {
            await cluster.WaitUntilReadyAsync(TimeSpan.FromSeconds(120), CancellationToken.None);
            var victim = cluster.Nodes[^1];
            var observers = cluster.Nodes.Take(Count - 1).ToArray();

            await AgentSnapshots.EveryObserverAsync(observers, "sees all 10 nodes fresh", TimeSpan.FromSeconds(60), snapshot =>
                snapshot.Nodes.Count == Count && snapshot.Nodes.All(n => n.Health == NodeHealth.Fresh));
            var firstGeneration = (await AgentSnapshots.ReadAsync(observers[0], TimeSpan.FromSeconds(30))).Nodes.Single(n => n.Name == victim.Name).Generation;

            cluster.Agent(victim.Name).Kill();

            // Suspected by the failure detector well before the TTL, then offline once the TTL has run out.
            await AgentSnapshots.EveryObserverAsync(observers, $"suspects {victim.Name}", Ttl, snapshot =>
                snapshot.Nodes.Single(n => n.Name == victim.Name).Health is NodeHealth.Suspect or NodeHealth.Offline);
            await AgentSnapshots.EveryObserverAsync(observers, $"shows {victim.Name} offline", Ttl + TimeSpan.FromSeconds(4), snapshot =>
                snapshot.Nodes.Single(n => n.Name == victim.Name).Health == NodeHealth.Offline);

            cluster.RestartAgent(victim.Name);

            await AgentSnapshots.EveryObserverAsync(observers, $"sees {victim.Name} back fresh under a new generation", TimeSpan.FromSeconds(60), snapshot =>
                snapshot.Nodes.Single(n => n.Name == victim.Name) is { Health: NodeHealth.Fresh } back && back.Generation == firstGeneration + 1);
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}{Environment.NewLine}{cluster.DescribeOutput()}", ex);
        }
    }

    public void Dispose() => _root.Dispose();
}
