using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Psstd.Agent.Instance;
using Psstd.AppHost.Model;
using Psstd.AppHost.Running;
using Psstd.Tests.Support.Harness;
using Psstd.Contracts;
using Psstd.Tests.Integration;
using Psstd.Tests.Support;

namespace Psstd.Tests.Instance;

/// <summary>
/// One agent per state directory, with real processes: a second start mirrors the first or, when the
/// first's socket is gone, views the gossip without publishing; a foreign port holder is an error; the
/// lock dies with a killed agent.
/// </summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Integration")]
public sealed class SingleInstanceProcessTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);
    private readonly TempDirectory _dir = new();
    private readonly List<CapturedProcess> _processes = [];

    [Fact]
    public async Task SecondAgentOnTheSameStateDir_MirrorsTheFirst_AsPlainText()
    {
        var env = Environment("alpha");
        var first = Start(env);
        await WaitReadyAsync(first, env);

        var second = Start(env);
        await second.WaitForOutputAsync(l => l.StartsWith("● alpha", StringComparison.Ordinal), Timeout);

        Assert.Contains($"mirror of {env["PSSTD_SOCKET"]}", second.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"is held by the agent alpha (pid {first.Id})", second.StandardError, StringComparison.Ordinal);
        Assert.False(first.HasExited, first.Output);
        var snapshot = await ClusterAsync(env["PSSTD_SOCKET"]);
        Assert.Equal(["alpha"], snapshot.Nodes.Select(n => n.Name));
        Assert.Equal(first.Id, (await StatusAsync(env["PSSTD_SOCKET"])).ProcessId);
        Assert.Equal("1", File.ReadAllText(Path.Combine(env["PSSTD_DB"], "generation")).Trim()); // the mirror took no identity
        Assert.Equal(first.Id, InstanceOwner.Read(env["PSSTD_DB"])!.ProcessId);
    }

    [Fact]
    public async Task SecondAgent_WhenTheFirstsSocketIsGone_ViewsTheGossipAndPublishesNothing()
    {
        var env = Environment("alpha");
        var first = Start(env);
        await WaitReadyAsync(first, env);
        var moved = _dir.File("moved.sock");
        File.Move(env["PSSTD_SOCKET"], moved); // the first still serves it, under a name the owner file does not give

        var second = Start(env);
        await second.WaitForOutputAsync(l => l.StartsWith("● alpha", StringComparison.Ordinal) && l.Contains("updated", StringComparison.Ordinal), Timeout);
        var beforeWait = (await StatusAsync(moved)).Packets.PacketsAccepted;
        await Eventually.ReturnsAsync("the first answers more of the viewer's pulls", Timeout, async ct =>
            (await StatusAsync(moved)).Packets.PacketsAccepted > beforeWait ? "yes" : null);

        Assert.Contains("viewer on gossip", second.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("watching the gossip as a viewer that publishes nothing", second.StandardError, StringComparison.Ordinal);
        Assert.Equal(["alpha"], (await ClusterAsync(moved)).Nodes.Select(n => n.Name));
        Assert.Equal(0, (await StatusAsync(moved)).Packets.RecordsNew);
        Assert.Equal(0, (await StatusAsync(moved)).Packets.RepliesRefused); // the viewer pulls from this host: answered
        Assert.False(first.HasExited, first.Output);
    }

    [Fact]
    public async Task GossipPortHeldByAnotherProgram_ExitsWithCode2_NamingPortVariableAndHolder()
    {
        using var holder = new UdpClient(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)holder.Client.LocalEndPoint!).Port;
        var env = Environment("alpha");
        env["PSSTD_GOSSIP"] = $"127.0.0.1:{port}";

        var agent = Start(env);
        await agent.WaitForExitAsync(Timeout);

        Assert.Equal(2, agent.ExitCode);
        var line = Assert.Single(agent.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"PSSTD_GOSSIP=\"127.0.0.1:{port}\"", line, StringComparison.Ordinal);
        Assert.Contains($"{port} is already in use by another program (pid {System.Environment.ProcessId} (", line, StringComparison.Ordinal);
        Assert.Contains("choose another port with PSSTD_GOSSIP", line, StringComparison.Ordinal);
        Assert.DoesNotContain("mirror", agent.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DashboardPortHeldByAnotherProgram_NamesTheHolder()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var env = Environment("alpha");
        env["PSSTD_HTTP"] = $"127.0.0.1:{port}";

        var dashboard = CapturedProcess.StartProgram(ChildBinaries.FromBuild().Dashboard, env);
        _processes.Add(dashboard);
        await dashboard.WaitForExitAsync(Timeout);

        Assert.Equal(2, dashboard.ExitCode);
        var line = Assert.Single(dashboard.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains($"{port} is already in use by another program (pid {System.Environment.ProcessId} (", line, StringComparison.Ordinal);
        Assert.Contains("choose another port with PSSTD_HTTP", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task KilledAgent_ReleasesTheLock_ANewAgentStartsNormally()
    {
        var env = Environment("alpha");
        var first = Start(env);
        await WaitReadyAsync(first, env);

        first.KillAlone(); // SIGKILL: no cleanup of any kind
        await first.WaitForExitAsync(Timeout);
        var next = Start(env);
        var status = await WaitReadyAsync(next, env);

        Assert.Equal(next.Id, status.ProcessId);
        Assert.Equal(2, status.Generation);
        Assert.DoesNotContain("is held by", next.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusCommand_AgainstARealAgent_ShowsItsSettings()
    {
        var env = Environment("alpha");
        var agent = Start(env);
        await WaitReadyAsync(agent, env);

        var status = Start(env, "status");
        await status.WaitForExitAsync(Timeout);

        Assert.Equal(0, status.ExitCode);
        Assert.Contains($"node      alpha (", status.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"gossip    listen {env["PSSTD_GOSSIP"]} (PSSTD_GOSSIP)", status.StandardOutput, StringComparison.Ordinal);
        Assert.Contains($"socket    {env["PSSTD_SOCKET"]}", status.StandardOutput, StringComparison.Ordinal);
    }

    private Dictionary<string, string> Environment(string name) => new()
    {
        ["PSSTD_NODE_NAME"] = name,
        ["PSSTD_DB"] = _dir.File("state"),
        ["PSSTD_SOCKET"] = _dir.File("agent.sock"),
        ["PSSTD_GOSSIP"] = $"127.0.0.1:{PortPicker.Pick(TestPorts.Next(), 1, udpToo: true)[0]}",
        ["PSSTD_MDNS"] = "false",
        ["PSSTD_PARENT_PID"] = System.Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
    };

    private CapturedProcess Start(Dictionary<string, string> env, params string[] args)
    {
        var process = CapturedProcess.StartProgram(ChildBinaries.FromBuild().Agent, env, args);
        _processes.Add(process);
        return process;
    }

    private static Task<AgentStatus> WaitReadyAsync(CapturedProcess agent, Dictionary<string, string> env) =>
        Eventually.ReturnsAsync($"the agent answers on its socket:{System.Environment.NewLine}{agent.Output}", Timeout, async ct =>
        {
            try
            {
                var status = await StatusAsync(env["PSSTD_SOCKET"]);
                return status.ProcessId == agent.Id ? status : null;
            }
            catch (HttpRequestException)
            {
                return null;
            }
        });

    private static async Task<AgentStatus> StatusAsync(string socket)
    {
        using var client = AgentSocket.Client(socket);
        return (await client.GetFromJsonAsync(AgentStatusRoutes.Status, LocalApiJsonContext.Default.AgentStatus))!;
    }

    private static async Task<ClusterSnapshot> ClusterAsync(string socket)
    {
        using var client = AgentSocket.Client(socket);
        return (await client.GetFromJsonAsync(LocalApiRoutes.Cluster, LocalApiJsonContext.Default.ClusterSnapshot))!;
    }

    public void Dispose()
    {
        _processes.ForEach(p => p.Dispose());
        _dir.Dispose();
    }
}
