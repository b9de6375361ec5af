using System.Globalization;
using Psstd.Agent.Configuration;
using Psstd.AppHost.Model;
using Psstd.AppHost.Running;
using Psstd.Contracts;
using Psstd.Gossip.Engine;
using Psstd.Tests.Support;
using Psstd.Tests.Support.Harness;
using Xunit.Abstractions;

namespace Psstd.Tests.Integration;

/// <summary>
/// Ten real agents on loopback (no dashboards: twenty processes would only measure this 2-core
/// machine), read through their own Unix sockets.
/// </summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Integration")]
public sealed class TenAgentsTests(ITestOutputHelper output) : IDisposable
{
    private const int Count = 10;

    /// <summary>
    /// What a suspicion may take past <see cref="DetectionBound"/>: rounds that run late on a loaded
    /// machine, and the poll that sees it (one every 200 ms, each a socket round trip to a busy agent).
    /// </summary>
    private static readonly TimeSpan Allowance = TimeSpan.FromSeconds(2);

    /// <summary>How far the worst local health stretches a probe timeout (Lifeguard: the engine's health score goes up to 8, each point one more timeout).</summary>
    private const int WorstStretch = 1 + 8;

    private readonly TempDirectory _root = new();

    /// <summary>
    /// How old a dead node's last record can be when a peer's failure detector doubts it, from the probe
    /// settings the agent runs with: silent for <see cref="GossipOptions.ProbeAfterIntervals"/> intervals,
    /// probed at the next round, the direct ping and then the indirect pings time out (stretched as far as
    /// the worst local health stretches them), and the suspicion is taken at the round after.
    /// </summary>
    private static TimeSpan DetectionBound(GossipOptions probe) =>
        probe.Interval * probe.ProbeAfterIntervals
        + (probe.DirectProbeTimeout + probe.IndirectProbeTimeout) * WorstStretch
        + probe.RoundInterval * 2;

    [Fact]
    public async Task Converge_SuspectAKilledNodeWellBeforeItsTtl_OfflineOnlyAfterIt_AndTakeItBackFreshUnderANewGeneration()
    {
        // The agents run with the default TTL and interval; the test reads them as an agent does.
        var settings = AgentSettings.FromEnvironment(new Dictionary<string, string>(), "node-1");
        var detection = DetectionBound(new GossipOptions { Cluster = settings.Cluster, Interval = settings.Interval });
        Assert.True(detection + Allowance < settings.Ttl, $"a suspicion bound of {detection + Allowance} proves nothing against a TTL of {settings.Ttl}");

        await using var cluster = LocalCluster.Start(TestClusters.Spec(_root.Path, Count, new Dictionary<string, string>(), dashboards: false), _ => { }, TimeProvider.System);
        try
        {
            await cluster.WaitUntilReadyAsync(TimeSpan.FromSeconds(120), CancellationToken.None);
            var victim = cluster.Nodes[^1];
            var observers = cluster.Nodes.Take(Count - 1).ToArray();

            await AgentSnapshots.EveryObserverAsync(observers, "sees all 10 nodes fresh", TimeSpan.FromSeconds(60), snapshot =>
                snapshot.Nodes.Count == Count && snapshot.Nodes.All(n => n.Health == NodeHealth.Fresh));
            var firstGeneration = (await AgentSnapshots.ReadAsync(observers[0], TimeSpan.FromSeconds(30))).Nodes.Single(n => n.Name == victim.Name).Generation;

            cluster.Agent(victim.Name).Kill();

            // Every view of the victim each observer shows, until it shows it offline.
            var watched = await Task.WhenAll(observers.Select(observer => WatchUntilOfflineAsync(observer, victim.Name, settings.Ttl + TimeSpan.FromSeconds(30))));
            foreach (var (observer, views) in observers.Zip(watched))
            {
                var seen = string.Join(", ", views);

                // The failure detector doubted it first: the first view past fresh and stale is suspect, and
                // came while the last record was younger than the detection bound (the TTL alone would
                // have gone from stale straight to offline).
                var doubted = views.SkipWhile(v => v.Health is NodeHealth.Fresh or NodeHealth.Stale).ToList();
                output.WriteLine($"{observer.Name}: first {doubted[0]}, then {doubted[^1]} ({views.Count} views; bound {detection.TotalSeconds:0.0}s)");
                Assert.True(doubted[0].Health == NodeHealth.Suspect, $"{observer.Name} never showed {victim.Name} suspect: {seen}");
                Assert.True(doubted[0].AgeSeconds <= (detection + Allowance).TotalSeconds, $"{observer.Name} suspected {victim.Name} later than {detection + Allowance}: {seen}");

                // Suspect until the TTL ran out, then offline.
                Assert.All(doubted[..^1], v => Assert.Equal(NodeHealth.Suspect, v.Health));
                Assert.Equal(NodeHealth.Offline, doubted[^1].Health);
                Assert.True(doubted[^1].AgeSeconds > settings.Ttl.TotalSeconds, $"{observer.Name} showed {victim.Name} offline before its TTL: {seen}");
            }

            cluster.RestartAgent(victim.Name);

            await AgentSnapshots.EveryObserverAsync(observers, $"sees {victim.Name} back fresh under a new generation", TimeSpan.FromSeconds(60), snapshot =>
                snapshot.Nodes.Single(n => n.Name == victim.Name) is { Health: NodeHealth.Fresh } back && back.Generation == firstGeneration + 1);
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}{Environment.NewLine}{cluster.DescribeOutput()}", ex);
        }
    }

    /// <summary>Polls <paramref name="observer"/> until it shows <paramref name="name"/> offline; every view it showed on the way, in order.</summary>
    private static async Task<List<View>> WatchUntilOfflineAsync(NodeSpec observer, string name, TimeSpan timeout)
    {
        var views = new List<View>();
        await AgentSnapshots.WhenAsync(observer, $"shows {name} offline", timeout, snapshot =>
        {
            var node = snapshot.Nodes.Single(n => n.Name == name);
            views.Add(new View(node.Health, node.AgeSeconds));
            return node.Health == NodeHealth.Offline;
        });
        return views;
    }

    public void Dispose() => _root.Dispose();

    private readonly record struct View(NodeHealth Health, double AgeSeconds)
    {
        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Health} at {AgeSeconds:0.0}s");
    }
}
