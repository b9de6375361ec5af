using System.Net;
using System.Net.Sockets;
using Psstd.AppHost.Model;
using Psstd.AppHost.Running;
using Psstd.Tests.Support.Harness;
using Psstd.Contracts;
using Psstd.Gossip.Wire;
using Psstd.Tests.Support;

namespace Psstd.Tests.Integration;

/// <summary>
/// Forgetting nodes with three real agents (no dashboards) on loopback: the operator's route on one
/// agent, the tombstone everywhere, and the way back by a restart under a new generation.
/// </summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Integration")]
public sealed class ForgetProcessTests : IDisposable
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(8);
    private static readonly TimeSpan Answer = TimeSpan.FromSeconds(20);
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task KilledNode_ForgottenOnOne_IsForgottenOnEveryPeer_StaysOutAgainstItsOldGeneration_AndReturnsOnRestart()
    {
        await using var cluster = await StartAsync();
        try
        {
            var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
            var peers = new[] { a, b };
            var killed = (await AgentSnapshots.ReadAsync(a, Answer)).Nodes.Single(n => n.Name == c.Name);

            cluster.Agent(c.Name).Kill();
            using (var agent = Client(a))
            {
                Assert.Equal(HttpStatusCode.NotFound, (await PostForgetAsync(agent, "no-such-node")).Status);
                var self = await PostForgetAsync(agent, a.Name);
                Assert.Equal(HttpStatusCode.Conflict, self.Status);
                Assert.Contains("cannot forget itself", self.Text, StringComparison.Ordinal);
                var forgot = await PostForgetAsync(agent, c.Name);
                Assert.Equal(HttpStatusCode.OK, forgot.Status);
                Assert.Contains(c.Name, forgot.Text, StringComparison.Ordinal);
            }

            await AgentSnapshots.EveryObserverAsync(peers, $"shows {c.Name} forgotten", TimeSpan.FromSeconds(10), snapshot =>
                snapshot.Nodes.Single(n => n.Name == c.Name) is { Health: NodeHealth.Forgotten } n && n.Generation == killed.Generation);

            // The old generation still circulating: a copy of the dead node's record, newer than any it
            // sent, replayed to both peers in one datagram with a marker node behind it. Once the marker
            // shows, the replay has been merged, and it must have changed nothing.
            var marker = Guid.NewGuid();
            var replay = Packet(
                Record(killed.Id, c.Name, killed.Generation, killed.Sequence + 1_000),
                Record(marker, "marker", 1, 1));
            using (var udp = new UdpClient(AddressFamily.InterNetwork))
            {
                foreach (var peer in peers)
                {
                    await udp.SendAsync(replay, new IPEndPoint(IPAddress.Loopback, peer.GossipPort));
                }
            }

            var merged = await AgentSnapshots.EveryObserverAsync(peers, "has merged the replayed datagram", TimeSpan.FromSeconds(10), snapshot =>
                snapshot.Nodes.Any(n => n.Id == marker));
            Assert.All(merged, snapshot =>
            {
                var view = snapshot.Nodes.Single(n => n.Name == c.Name);
                Assert.Equal((NodeHealth.Forgotten, killed.Generation), (view.Health, view.Generation));
            });

            cluster.RestartAgent(c.Name);

            await AgentSnapshots.EveryObserverAsync(peers, $"shows {c.Name} fresh under a new generation", TimeSpan.FromSeconds(60), snapshot =>
                snapshot.Nodes.Single(n => n.Name == c.Name) is { Health: NodeHealth.Fresh } n && n.Generation == killed.Generation + 1);
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}{Environment.NewLine}{cluster.DescribeOutput()}", ex);
        }
    }

    [Fact]
    public async Task LiveNode_Forgotten_IsAskedByEveryPeer_AndOutranksTheTombstone_ShownFreshEverywhere()
    {
        // No record may erase a node that runs: the peers ask it before they bury it, and the node, which hears
        // the tombstone too, moves to a new generation that outranks it, also on the node the operator asked.
        await using var cluster = await StartAsync();
        try
        {
            var (a, b, c) = (cluster.Nodes[0], cluster.Nodes[1], cluster.Nodes[2]);
            var generation = (await AgentSnapshots.ReadAsync(c, Answer)).Nodes.Single(n => n.IsSelf).Generation;

            using (var agent = Client(a))
            {
                Assert.Equal(HttpStatusCode.OK, (await PostForgetAsync(agent, c.Name)).Status);
            }

            await AgentSnapshots.EveryObserverAsync([a, b], $"shows {c.Name} fresh under a newer generation", TimeSpan.FromSeconds(20), snapshot =>
                snapshot.Nodes.Single(n => n.Name == c.Name) is { Health: NodeHealth.Fresh } n && n.Generation > generation);
            Assert.Equal(generation + 1, (await AgentSnapshots.ReadAsync(c, Answer)).Nodes.Single(n => n.IsSelf).Generation);
        }
        catch (Exception ex)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}{Environment.NewLine}{cluster.DescribeOutput()}", ex);
        }
    }

    private async Task<LocalCluster> StartAsync()
    {
        var spec = TestClusters.Spec(Path.Combine(_root.Path, Guid.NewGuid().ToString("N")[..6]), 3, new Dictionary<string, string> { ["PSSTD_NODE_TTL"] = $"{Ttl.TotalSeconds}s" }, dashboards: false);
        var cluster = LocalCluster.Start(spec, _ => { }, TimeProvider.System);
        try
        {
            await cluster.WaitUntilReadyAsync(TimeSpan.FromSeconds(90), CancellationToken.None);
            await AgentSnapshots.EveryObserverAsync(cluster.Nodes, "sees all 3 nodes fresh", TimeSpan.FromSeconds(60), snapshot =>
                snapshot.Nodes.Count == 3 && snapshot.Nodes.All(n => n.Health == NodeHealth.Fresh));
            return cluster;
        }
        catch (Exception ex)
        {
            var output = cluster.DescribeOutput();
            await cluster.DisposeAsync();
            throw new Xunit.Sdk.XunitException($"{ex.Message}{Environment.NewLine}{output}", ex);
        }
    }

    /// <summary>A client for a node's socket that waits longer than usual: a busy machine must not fail the test.</summary>
    private static HttpClient Client(NodeSpec node)
    {
        var client = AgentSocket.Client(node.SocketPath);
        client.Timeout = Answer;
        return client;
    }

    private static async Task<(HttpStatusCode Status, string Text)> PostForgetAsync(HttpClient agent, string node)
    {
        using var response = await agent.PostAsync(new Uri(LocalApiRoutes.ForgetOf(node), UriKind.Relative), content: null);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static byte[] Record(Guid id, string name, long generation, long sequence) => RecordCodec.ToBytes(new NodeRecord(
        id, name, generation, sequence, "0.0.0", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), "", "127.0.0.1:9", NodeMetrics.Empty));

    /// <summary>One gossip datagram of the default cluster, unsealed, carrying the records in order.</summary>
    private static byte[] Packet(params byte[][] records)
    {
        var payload = new byte[PacketCodec.MaxDatagramBytes];
        var next = 0;
        var payloadLength = RecordBatch.Pack(records, ref next, payload);
        var packet = new byte[PacketCodec.MaxDatagramBytes];
        return packet[..PacketCodec.Write("psstd", null, MessageKind.Records, payload.AsSpan(0, payloadLength), packet)];
    }

    public void Dispose() => _root.Dispose();
}
