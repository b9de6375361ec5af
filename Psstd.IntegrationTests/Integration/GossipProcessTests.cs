using System.Security.Cryptography;
using Psstd.AppHost.Model;
using Psstd.AppHost.Running;
using Psstd.Tests.Support.Harness;
using Psstd.Tests.Support;

namespace Psstd.Tests.Integration;

/// <summary>Gossip between real agents on loopback: sealing, and a graceful leave.</summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Integration")]
public sealed class GossipProcessTests : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task KeyedCluster_RejectsAnAgentWithoutTheKey_AndItsCounterSaysWhy()
    {
        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        await using var cluster = LocalCluster.Start(TestClusters.Spec(Subdirectory(), 2, new Dictionary<string, string> { ["PSSTD_KEY"] = key }), _ => { }, TimeProvider.System);
        using var stranger = new TempDirectory();
        CapturedProcess? keyless = null;
        try
        {
            await cluster.WaitUntilReadyAsync(ReadyTimeout, CancellationToken.None);
            var first = cluster.Nodes[0];
            keyless = CapturedProcess.StartProgram(ChildBinaries.FromBuild().Agent, new Dictionary<string, string>
            {
                ["PSSTD_NODE_NAME"] = "stranger",
                ["PSSTD_DB"] = stranger.File("state"),
                ["PSSTD_SOCKET"] = stranger.File("agent.sock"),
                ["PSSTD_GOSSIP"] = $"127.0.0.1:{PortPicker.Pick(TestPorts.Next(), 1, udpToo: true)[0]}",
                ["PSSTD_SEEDS"] = $"127.0.0.1:{first.GossipPort}",
                ["PSSTD_MDNS"] = "false",
                ["PSSTD_PARENT_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });

            using var agent = AgentSocket.Client(first.SocketPath);
            var health = await Eventually.ReturnsAsync("node-1 counts the stranger's unsealed packets", TimeSpan.FromSeconds(30), async ct =>
            {
                var text = await agent.GetStringAsync(new Uri("/healthz", UriKind.Relative), ct);
                return text.Contains("NotSealed", StringComparison.Ordinal) ? text : null;
            });

            var cells = await DashboardPage.ReadAsync(first.DashboardUrl, CancellationToken.None);
            Assert.Equal(["node-1", "node-2"], cells.Select(c => c.Name));
            Assert.Contains("NotSealed", health, StringComparison.Ordinal);
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}{Environment.NewLine}{cluster.DescribeOutput()}", ex);
        }
        finally
        {
            keyless?.Dispose();
        }
    }

    [Fact]
    public async Task GracefulStop_ShowsLeftOnEveryOtherNode_WithinTwoSeconds()
    {
        await using var cluster = LocalCluster.Start(TestClusters.Spec(Subdirectory(), 3, new Dictionary<string, string>()), _ => { }, TimeProvider.System);
        try
        {
            await cluster.WaitUntilReadyAsync(ReadyTimeout, CancellationToken.None);
            foreach (var node in cluster.Nodes)
            {
                await Eventually.ReturnsAsync($"{node.Name} shows 3 fresh nodes", TimeSpan.FromSeconds(30), async ct =>
                {
                    var cells = await DashboardPage.TryReadAsync(node.DashboardUrl, ct);
                    return cells.Count == 3 && cells.All(c => c.State == "fresh") ? cells : null;
                });
            }

            await cluster.Agent("node-3").StopAsync(TimeSpan.FromSeconds(10), TimeProvider.System);

            await Task.WhenAll(cluster.Nodes.Take(2).Select(node =>
                Eventually.ReturnsAsync($"{node.Name} shows node-3 left", TimeSpan.FromSeconds(2), async ct =>
                    (await DashboardPage.TryReadAsync(node.DashboardUrl, ct)).FirstOrDefault(c => c.Name == "node-3" && c.State == "left"))));
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}{Environment.NewLine}{cluster.DescribeOutput()}", ex);
        }
    }

    private string Subdirectory() => Path.Combine(_root.Path, Guid.NewGuid().ToString("N")[..6]);

    public void Dispose() => _root.Dispose();
}
