using Psstd.Contracts;
using System.Net.Http.Json;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Aspire.Hosting.ApplicationModel;
using Psstd.AppHost.Reporting;
using Psstd.AppHost.Resources;
using Psstd.Tests.Support;

namespace Psstd.Tests.Integration;

/// <summary>
/// The local cluster end to end, as <c>dotnet run --project Psstd.AppHost</c> runs it: the real AppHost on
/// Aspire (Aspire.Hosting.Testing, DCP), three agent+dashboard pairs over real sockets.
/// </summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Integration")]
public sealed class AspireClusterTests
{
    /// <summary>Short, so a dead node goes stale after 3 s and offline after 6 s: a 3 s window to see it stale.</summary>
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(6);

    private static readonly string[] Names = ["node-1", "node-2", "node-3"];

    [Fact]
    public async Task ThreePairs_ListEachOther_AKilledAgentGoesStaleThenOffline_ASigTermedOneShowsLeft()
    {
        var builder = await AspireCluster.CreateBuilderAsync("--nodes", "3", $"--PSSTD_NODE_TTL={Ttl.TotalSeconds}s");
        await using var cluster = await AspireCluster.StartAsync(builder);
        try
        {
            await cluster.ReadyAsync();
            var nodes = cluster.Plan.Nodes;

            // Seeded only by service discovery, every dashboard lists every node fresh and links each to its own dashboard.
            var expectedLinks = nodes.Select(n => n.DashboardUrl.ToString()).ToArray();
            foreach (var node in nodes)
            {
                var cells = await Eventually.ReturnsAsync($"{node.Name}'s dashboard lists and links all 3 nodes fresh", TimeSpan.FromSeconds(30), async ct =>
                {
                    var shown = await DashboardPage.TryReadAsync(node.DashboardUrl, ct);
                    return shown.Count == 3 && shown.All(c => c.State == "fresh" && c.Link.Length > 0) ? shown : null;
                });
                Assert.Equal(Names, cells.Select(c => c.Name));
                Assert.Equal(expectedLinks, cells.Select(c => c.Link));
            }

            // Secure by default: every agent seals its gossip with the one key the AppHost made for this run.
            foreach (var node in nodes)
            {
                using var agent = AgentSocket.Client(node.SocketPath);
                var status = await agent.GetFromJsonAsync(AgentStatusRoutes.Status, LocalApiJsonContext.Default.AgentStatus);
                Assert.Equal(1, status!.KeyCount);
            }

            // kill -9: no goodbye, so the others doubt node-3, then call it offline once its TTL has passed.
            KillHard(await cluster.PidOfAsync(PsstdResourceNames.Agent("node-3")));
            var killedAt = TimeProvider.System.GetTimestamp();
            await Task.WhenAll(nodes.Take(2).Select(node =>
                Eventually.ReturnsAsync($"{node.Name} shows node-3 stale or suspect", Ttl, async ct =>
                    (await DashboardPage.TryReadAsync(node.DashboardUrl, ct)).FirstOrDefault(c => c.Name == "node-3" && c.State is "stale" or "suspect"))));
            foreach (var node in nodes.Take(2))
            {
                await Eventually.ReturnsAsync($"{node.Name} shows node-3 offline", Ttl + TimeSpan.FromSeconds(2), async ct =>
                    (await DashboardPage.TryReadAsync(node.DashboardUrl, ct)).FirstOrDefault(c => c.Name == "node-3" && c.State == "offline"));
            }

            Assert.True(TimeProvider.System.GetElapsedTime(killedAt) <= Ttl + TimeSpan.FromSeconds(2));

            // SIGTERM: node-2 says goodbye, and node-1 shows it left at once, long before any TTL.
            Assert.True(PosixSignals.Terminate(await cluster.PidOfAsync(PsstdResourceNames.Agent("node-2"))));
            await Eventually.ReturnsAsync("node-1 shows node-2 left", TimeSpan.FromSeconds(3), async ct =>
                (await DashboardPage.TryReadAsync(nodes[0].DashboardUrl, ct)).FirstOrDefault(c => c.Name == "node-2" && c.State == "left"));
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException || !ex.Message.Contains("--- child output ---", StringComparison.Ordinal))
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}{Environment.NewLine}--- child output ---{Environment.NewLine}{cluster.DescribeOutput()}", ex);
        }
    }

    [Fact]
    public async Task ABadSetting_StopsTheStart_WithTheChildsOwnLine_AndExitCode1()
    {
        var builder = await AspireCluster.CreateBuilderAsync("--nodes", "1", "--PSSTD_NODE_TTL=bogus");
        await using var cluster = await AspireCluster.StartAsync(builder);

        var failure = await Assert.ThrowsAsync<ClusterStartException>(() => cluster.Startup.Ready.WaitAsync(AspireCluster.StartTimeout));

        Assert.Contains("node-1-agent did not start", failure.Message, StringComparison.Ordinal);
        Assert.Contains("psstd-agent: PSSTD_NODE_TTL=\"bogus\" is invalid", failure.Message, StringComparison.Ordinal);
        Assert.Equal(1, cluster.Startup.ExitCode);
    }

    [Fact]
    public async Task AGossipPortTakenAfterItWasPicked_StopsTheStart_WithTheChildsOwnLine()
    {
        var builder = await AspireCluster.CreateBuilderAsync("--nodes", "1");
        var port = builder.Resources.OfType<ExecutableResource>().Single(r => r.Name == PsstdResourceNames.Agent("node-1"))
            .Annotations.OfType<EndpointAnnotation>().Single(e => e.Name == PsstdResourceNames.GossipEndpoint).Port!.Value;
        using var holder = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        holder.Bind(new IPEndPoint(IPAddress.Loopback, port)); // another program, between the AppHost's pick and the agent's bind
        await using var cluster = await AspireCluster.StartAsync(builder);

        var failure = await Assert.ThrowsAsync<ClusterStartException>(() => cluster.Startup.Ready.WaitAsync(AspireCluster.StartTimeout));

        Assert.Contains("node-1-agent did not start", failure.Message, StringComparison.Ordinal);
        Assert.Contains("PSSTD_GOSSIP", failure.Message, StringComparison.Ordinal);
        Assert.Contains(port.ToString(CultureInfo.InvariantCulture), failure.Message, StringComparison.Ordinal);
    }

    private static void KillHard(int pid)
    {
        using var process = System.Diagnostics.Process.GetProcessById(pid);
        process.Kill();
    }
}
