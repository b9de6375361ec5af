using Psstd.AppHost.Model;
using Psstd.Contracts;
using Psstd.Tests.Support;
using Psstd.Tests.Support.Harness;
using Xunit.Abstractions;

namespace Psstd.Tests.Integration;

/// <summary>
/// Alerts without a master, on five real agents with a real webhook receiver: every agent judges the rules,
/// one sends. A node is killed (its alert fires once), then the agent that notified is killed too (its own
/// alert fires once, and its duties move), and both come back: each resolution arrives exactly once.
/// </summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Integration")]
public sealed class AlertsProcessTests(ITestOutputHelper output) : IDisposable
{
    private const int Count = 5;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task OneNotificationPerAlert_AndAResolutionSurvivesItsNotifiersDeath()
    {
        var rules = Path.Combine(_root.Path, "alerts.yaml");
        await File.WriteAllTextAsync(rules, """
            rules:
              - name: node-down
                metric: health
                states: [suspect, offline]
                severity: critical
            """);
        await using var receiver = await WebhookReceiver.StartAsync();
        var environment = new Dictionary<string, string>
        {
            ["PSSTD_NODE_TTL"] = "6s",
            ["PSSTD_ALERTS"] = rules,
            ["PSSTD_ALERT_WEBHOOK"] = receiver.Url.ToString(),
        };
        await using var cluster = LocalCluster.Start(TestClusters.Spec(_root.Path, Count, environment, dashboards: false), _ => { }, TimeProvider.System);
        try
        {
            await cluster.WaitUntilReadyAsync(TimeSpan.FromSeconds(120), CancellationToken.None);
            await AgentSnapshots.EveryObserverAsync(cluster.Nodes, "sees all nodes fresh", Wait, s =>
                s.Nodes.Count == Count && s.Nodes.All(n => n.Health == NodeHealth.Fresh));

            var victim = cluster.Nodes[^1].Name;
            cluster.Agent(victim).Kill();
            var firing = (await receiver.WhenAsync($"the firing about {victim}", Wait, all => About(all, victim, "firing").Count > 0))
                .First(d => d.Field("node") == victim && d.Field("state") == "firing");
            var notifier = firing.Field("sender");
            Assert.Contains(cluster.Nodes, n => n.Name == notifier && n.Name != victim);

            // Every agent lists the alert, and names the same notifier.
            await AgentSnapshots.EveryObserverAsync(cluster.Nodes.Where(n => n.Name != victim), $"lists {victim}'s alert", Wait, s =>
                s.Alerts.Any(a => a.NodeName == victim && a.Rule == "node-down" && a.Notifier == notifier));

            cluster.Agent(notifier).Kill();
            await receiver.WhenAsync($"the firing about {notifier}", Wait, all => About(all, notifier, "firing").Count > 0);

            cluster.RestartAgent(victim);
            await receiver.WhenAsync($"the resolution about {victim}", Wait, all => About(all, victim, "resolved").Count > 0);
            cluster.RestartAgent(notifier);
            await receiver.WhenAsync($"the resolution about {notifier}", Wait, all => About(all, notifier, "resolved").Count > 0);

            // Let a duplicate show itself: every agent has judged both nodes fresh again, and no alert fires.
            var survivors = cluster.Nodes.Where(n => n.Name != victim && n.Name != notifier);
            await AgentSnapshots.EveryObserverAsync(survivors, "lists no alert", Wait, s => s.Alerts.Count == 0 && s.Nodes.All(n => n.Health == NodeHealth.Fresh));

            var all = receiver.Received;
            output.WriteLine(string.Join(Environment.NewLine, all));

            // The victim's alert: one key; its firing may come twice (the new notifier cannot know the dead one
            // sent it, and sends it again under the same key), its resolution exactly once.
            Assert.Single(About(all, victim, "firing").Select(d => d.Field("key")).Distinct());
            Assert.InRange(About(all, victim, "resolved").Count, 1, 2);
            Assert.Equal(About(all, victim, "firing")[0].Field("key"), About(all, victim, "resolved")[0].Field("key"));

            // The notifier's own alert, while the victim is down too (agents may briefly disagree on who is a
            // candidate): one alert, one key, at least once each way and never more than twice.
            Assert.Single(About(all, notifier, "firing").Select(d => d.Field("key")).Distinct());
            Assert.InRange(About(all, notifier, "firing").Count, 1, 2);
            Assert.InRange(About(all, notifier, "resolved").Count, 1, 2);
            Assert.NotEqual(notifier, About(all, notifier, "firing")[0].Field("sender"));

            Assert.All(all, d => Assert.Equal($"{d.Field("key")}-{d.Field("state")}", d.Headers["Idempotency-Key"]));
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}{Environment.NewLine}{string.Join(Environment.NewLine, receiver.Received)}{Environment.NewLine}{cluster.DescribeOutput()}", ex);
        }
    }

    private static List<ReceivedRequest> About(IEnumerable<ReceivedRequest> all, string node, string state) =>
        [.. all.Where(d => d.Field("node") == node && d.Field("state") == state && d.Field("rule") == "node-down")];

    public void Dispose() => _root.Dispose();
}
