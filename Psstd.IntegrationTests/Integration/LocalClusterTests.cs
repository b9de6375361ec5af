using Psstd.AppHost.Model;
using Psstd.AppHost.Running;
using Psstd.Tests.Support;

namespace Psstd.Tests.Integration;

/// <summary>Real agent+dashboard pairs, launched from the AppHost's own model, over real sockets.</summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Integration")]
public sealed class LocalClusterTests : IDisposable
{
    /// <summary>Short, so a dead node goes stale after 3 s and offline after 6 s: a 3 s window to see it stale.</summary>
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(6);

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    private readonly TempDirectory _root = new();

    [Fact]
    public async Task ThreePairs_ShowEveryNodeFresh_ThenAKilledAgentIsDoubtedThenOfflineWithinItsTtl()
    {
        await using var cluster = LocalCluster.Start(TestClusters.Spec(_root.Path, 3, new Dictionary<string, string> { ["PSSTD_NODE_TTL"] = $"{Ttl.TotalSeconds}s" }), _ => { }, TimeProvider.System);
        try
        {
            await cluster.WaitUntilReadyAsync(ReadyTimeout, CancellationToken.None);
            string[] names = ["node-1", "node-2", "node-3"];

            foreach (var node in cluster.Nodes)
            {
                var cells = await Eventually.ReturnsAsync($"{node.Name}'s dashboard shows all 3 nodes fresh", TimeSpan.FromSeconds(30), async ct =>
                {
                    var shown = await DashboardPage.TryReadAsync(node.DashboardUrl, ct);
                    return shown.Count == 3 && shown.All(c => c.State == "fresh") ? shown : null;
                });
                Assert.Equal(names, cells.Select(c => c.Name));
                Assert.All(cells, c => Assert.Equal(OnlineCores(), c.CoreBars));
            }

            // Each dashboard registered its URL with its real agent over the socket, and gossip carried it to
            // every peer: every page links every node to that node's own dashboard.
            var expected = cluster.Nodes.Select(n => n.DashboardUrl.ToString()).ToArray();
            foreach (var node in cluster.Nodes)
            {
                var linked = await Eventually.ReturnsAsync($"{node.Name}'s dashboard links every node", TimeSpan.FromSeconds(30), async ct =>
                {
                    var shown = await DashboardPage.TryReadAsync(node.DashboardUrl, ct);
                    return shown.Count == 3 && shown.All(c => c.Link.Length > 0) ? shown : null;
                });
                Assert.Equal(expected, linked.Select(c => c.Link));
            }

            cluster.Agent("node-3").Kill();
            var killedAt = TimeProvider.System.GetTimestamp();

            await Task.WhenAll(cluster.Nodes.Take(2).Select(node =>
                // Doubt before offline: stale after TTL/2, or suspect when the failure detector gets there first.
                Eventually.ReturnsAsync($"{node.Name} shows node-3 stale or suspect", Ttl, async ct =>
                    (await DashboardPage.TryReadAsync(node.DashboardUrl, ct)).FirstOrDefault(c => c.Name == "node-3" && c.State is "stale" or "suspect"))));

            foreach (var node in cluster.Nodes.Take(2))
            {
                // Offline once its last record is older than the TTL; one interval of slack for the
                // record that was in flight when the agent died and one for this poll.
                await Eventually.ReturnsAsync($"{node.Name} shows node-3 offline", Ttl + TimeSpan.FromSeconds(2), async ct =>
                    (await DashboardPage.TryReadAsync(node.DashboardUrl, ct)).FirstOrDefault(c => c.Name == "node-3" && c.State == "offline"));
                var others = await DashboardPage.ReadAsync(node.DashboardUrl, CancellationToken.None);
                Assert.All(others.Where(c => c.Name != "node-3"), c => Assert.Equal("fresh", c.State));
            }

            Assert.True(TimeProvider.System.GetElapsedTime(killedAt) <= Ttl + TimeSpan.FromSeconds(2));

            // The node page renders from the real agent's store: node-3's stored history as sparklines,
            // and the doubt (stale or suspect) and offline this agent judged, as events.
            var page = await Eventually.ReturnsAsync("node-1's node page of node-3 shows its history and the offline event", TimeSpan.FromSeconds(15), async ct =>
            {
                var view = await DashboardPage.TryReadNodePageAsync(cluster.Nodes[0].DashboardUrl, "node-3", ct);
                return view is not null && view.EventKinds.Contains("offline") && view.SeriesPoints.GetValueOrDefault("avg") > 0 ? view : null;
            });
            Assert.Contains("join", page.EventKinds);
            Assert.Contains(page.EventKinds, k => k is "stale" or "suspect"); // doubt came before offline: which first depends on the failure detector's timing
            Assert.True(page.SeriesPoints.Count >= 5, $"sparkline series shown: {string.Join(", ", page.SeriesPoints.Keys)}");
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}{Environment.NewLine}--- child output ---{Environment.NewLine}{cluster.DescribeOutput()}", ex);
        }
    }

    /// <summary>Cores as /proc/stat lists them (the probe's source), which a CPU quota does not change.</summary>
    private static int OnlineCores() =>
        File.ReadLines("/proc/stat").Count(l => l.StartsWith("cpu", StringComparison.Ordinal) && l.Length > 3 && char.IsAsciiDigit(l[3]));

    public void Dispose() => _root.Dispose();
}
