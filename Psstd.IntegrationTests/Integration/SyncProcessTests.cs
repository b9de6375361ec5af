using System.Buffers.Binary;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Psstd.AppHost.Model;
using Psstd.AppHost.Running;
using Psstd.Tests.Support.Harness;
using Psstd.Contracts;
using Psstd.Tests.Support;

namespace Psstd.Tests.Integration;

/// <summary>
/// Real agents (no dashboards) on loopback: a new agent pulls the whole cluster over TCP bulk sync,
/// and garbage on the gossip TCP port is cut off, counted, and harms nothing.
/// </summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Integration")]
public sealed partial class SyncProcessTests : IDisposable
{
    /// <summary>Setup waits (processes starting on a busy machine); not what the tests measure.</summary>
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Three anti-entropy periods of 5 s: the new node must not need the relay's slow way round.</summary>
    private static readonly TimeSpan ThreeSyncRounds = TimeSpan.FromSeconds(15);

    private readonly TempDirectory _root = new();
    private readonly List<CapturedProcess> _agents = [];

    [Fact]
    public async Task NewAgent_SeededWithOnePeer_PullsTheWholeClusterOverTcp()
    {
        // Three agents, then a fourth that knows only the first: its first summary is empty, and the
        // first answers with the whole state over the stream.
        var ports = PortPicker.Pick(TestPorts.Next(), 4, udpToo: true);
        var names = Enumerable.Range(1, 4).Select(i => $"sync-{i}").ToArray();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                Start(names[i], ports[i], seed: ports[i == 0 ? 1 : 0]);
            }

            await Eventually.ReturnsAsync("the first node sees three nodes", StartTimeout, ct => Known(0, 3, ct));

            Start(names[3], ports[3], seed: ports[0]);

            await Eventually.ReturnsAsync("the new node answers on its socket", StartTimeout, ct => Known(3, count: null, ct));
            var snapshot = await Eventually.ReturnsAsync("the new node lists all four nodes", ThreeSyncRounds, ct => Known(3, 4, ct));
            var health = await Eventually.ReturnsAsync("the new node's health", StartTimeout, ct => TryHealthAsync(3, ct));

            Assert.Equal(names.Order(), snapshot.Nodes.Select(n => n.Name).Order());
            Assert.True(Count(health, StreamsIn()) >= 1, health);
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}{Environment.NewLine}{Output()}", ex);
        }
    }

    [Fact]
    public async Task GarbageOnTheGossipTcpPort_IsCutOffAndCounted_AndTheAgentCarriesOn()
    {
        var ports = PortPicker.Pick(TestPorts.Next(), 2, udpToo: true);
        try
        {
            Start("garbage-a", ports[0], seed: ports[1]);
            Start("garbage-b", ports[1], seed: ports[0]);
            await Eventually.ReturnsAsync("a sees both nodes", StartTimeout, ct => Known(0, 2, ct));

            var huge = new byte[8];
            BinaryPrimitives.WriteUInt32BigEndian(huge, 0x40000000); // a 1 GiB frame
            await SendRawAsync(ports[0], huge);
            await SendRawAsync(ports[0], [0, 0, 0, 50, 1, 2, 3]); // cut short
            await SendRawAsync(ports[0], [0, 0, 0, 5, (byte)'h', (byte)'e', (byte)'l', (byte)'l', (byte)'o']); // a whole frame, not psstd

            var health = await Eventually.ReturnsAsync("a counts all three", StartTimeout, async ct =>
            {
                var text = await TryHealthAsync(0, ct);
                return text is not null && text.Contains("stream FrameTooLarge 1", StringComparison.Ordinal) && text.Contains("stream Truncated 1", StringComparison.Ordinal)
                    && text.Contains("NotPsstd 1", StringComparison.Ordinal) ? text : null;
            });

            var before = (await Eventually.ReturnsAsync("a answers", StartTimeout, ct => Known(0, 2, ct))).Nodes.Single(n => n.Name == "garbage-b").Sequence;
            await Eventually.ReturnsAsync("a still hears b's new records", StartTimeout, async ct =>
                (await Known(0, 2, ct))?.Nodes.Single(n => n.Name == "garbage-b") is { Health: NodeHealth.Fresh } b && b.Sequence > before ? b : null);
            Assert.False(_agents[0].HasExited, health);
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}{Environment.NewLine}{Output()}", ex);
        }
    }

    private void Start(string name, int port, int seed)
    {
        var dir = Path.Combine(_root.Path, _agents.Count.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(dir);
        _agents.Add(CapturedProcess.StartProgram(ChildBinaries.FromBuild().Agent, new Dictionary<string, string>
        {
            ["PSSTD_NODE_NAME"] = name,
            ["PSSTD_DB"] = Path.Combine(dir, "state"),
            ["PSSTD_SOCKET"] = Path.Combine(dir, "agent.sock"),
            ["PSSTD_GOSSIP"] = $"127.0.0.1:{port}",
            ["PSSTD_ADVERTISE_GOSSIP"] = $"127.0.0.1:{port}",
            ["PSSTD_SEEDS"] = $"127.0.0.1:{seed}",
            ["PSSTD_WEB"] = "false",
            ["PSSTD_MDNS"] = "false",
            ["PSSTD_PARENT_PID"] = Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
        }));
    }

    private string SocketPath(int agent) => Path.Combine(_root.Path, agent.ToString(CultureInfo.InvariantCulture), "agent.sock");

    /// <summary>The agent's snapshot when it lists <paramref name="count"/> nodes (any number when null); null while it is not answering yet.</summary>
    private async Task<ClusterSnapshot?> Known(int agent, int? count, CancellationToken cancellationToken)
    {
        try
        {
            var snapshot = await SnapshotAsync(agent, cancellationToken);
            return count is null || snapshot.Nodes.Count == count ? snapshot : null;
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null; // not listening yet, or too busy to answer within the client's timeout (a shared machine)
        }
    }

    private async Task<ClusterSnapshot> SnapshotAsync(int agent, CancellationToken cancellationToken)
    {
        using var client = AgentSocket.Client(SocketPath(agent));
        return (await client.GetFromJsonAsync(LocalApiRoutes.Cluster, LocalApiJsonContext.Default.ClusterSnapshot, cancellationToken))!;
    }

    private async Task<string?> TryHealthAsync(int agent, CancellationToken cancellationToken)
    {
        try
        {
            using var client = AgentSocket.Client(SocketPath(agent));
            return await client.GetStringAsync(new Uri(LocalApiRoutes.Health, UriKind.Relative), cancellationToken);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return null;
        }
    }

    private static async Task SendRawAsync(int port, byte[] bytes)
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, port));
        await socket.SendAsync(bytes, SocketFlags.None);
        socket.Shutdown(SocketShutdown.Send);
        var buffer = new byte[16];
        while (await socket.ReceiveAsync(buffer, SocketFlags.None) > 0)
        {
            // the agent sends nothing back; wait for it to close the connection
        }
    }

    private static long Count(string health, Regex pattern) =>
        pattern.Match(health) is { Success: true } match ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : -1;

    [GeneratedRegex(@"streams in (\d+)")]
    private static partial Regex StreamsIn();

    private string Output() => string.Join(Environment.NewLine, _agents.Select(a => a.Output));

    public void Dispose()
    {
        foreach (var agent in _agents)
        {
            agent.Dispose();
        }

        _root.Dispose();
    }
}
