using System.Collections.Concurrent;
using System.Text.Json;
using Psstd.Agent.Cli;
using Psstd.Contracts;
using Psstd.Tests.Dashboard;
using Psstd.Tests.Terminal;

namespace Psstd.Tests.Cli;

/// <summary>The commands, run in this process against a stand-in agent with fixed state on a real Unix socket.</summary>
public sealed class CliCommandTests
{
    private readonly ConcurrentQueue<string> _requests = new();

    [Fact]
    public async Task Status_ShowsNodePeersKeysPortsSocketAndStore()
    {
        await using var agent = await CliStandIn.StartAsync(_requests);

        var run = await CliRun.RunAsync(agent.SocketPath, "status");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("", run.Error);
        Assert.Equal(
            """
            node      alpha (00000000-0000-0000-0000-000000000001), generation 3, agent 0.1.0, pid 4242
            started   2026-01-31 11:00:00Z, ttl 15s, interval 1s
            cluster   lab: 6 nodes known, 5 peers (fresh 1, stale 1, suspect 1, offline 1, left 1, forgotten 0)
            keys      sealed with AES-256-GCM: 2 keys configured, the first seals
            gossip    listen 127.0.0.1:7947 (PSSTD_GOSSIP), advertised 10.0.0.1:7947
            seeds     127.0.0.1:7950, seed.invalid:7947
            socket    /run/psstd/agent.sock
            state     /var/lib/psstd
            store     none yet (/var/lib/psstd/psstd.db does not exist)

            """,
            run.Out);
    }

    [Fact]
    public void StoreSize_AddsTheWriteAheadLog()
    {
        using var dir = new Support.TempDirectory();
        File.WriteAllBytes(dir.File("psstd.db"), new byte[3 * 1024 * 1024]);
        File.WriteAllBytes(dir.File("psstd.db-wal"), new byte[512 * 1024]);

        Assert.Equal("3.5 MiB (psstd.db 3.0 MiB + psstd.db-wal 512.0 KiB)", StatusCommand.StoreSize(dir.Path));
    }

    [Fact]
    public async Task Nodes_ListsEveryNode_AndJsonIsTheSnapshot()
    {
        await using var agent = await CliStandIn.StartAsync(_requests);

        var table = await CliRun.RunAsync(agent.SocketPath, "nodes");
        var json = await CliRun.RunAsync(agent.SocketPath, "nodes", "--json");

        Assert.Equal(0, table.ExitCode);
        var lines = table.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(7, lines.Length);
        Assert.StartsWith("NAME     STATE    AGE  CPU  MEM              LOAD1  VERSION", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("alpha *  fresh    1s   25%  4.0/16.0 GiB     0.42   0.1.0            10.0.0.1:7947", lines[1], StringComparison.Ordinal);
        Assert.Contains("gamma    fresh    0s   60%  200.0/512.0 GiB  80.25  0.2.0 (differs)", table.Out, StringComparison.Ordinal);
        var parsed = JsonSerializer.Deserialize(json.Out, LocalApiJsonContext.Default.ClusterSnapshot)!;
        Assert.Equal(["alpha", "beta", "gamma", "delta", "epsilon", "zeta"], parsed.Nodes.Select(n => n.Name));
    }

    [Fact]
    public async Task Forget_PostsToTheNodesForgetRoute()
    {
        await using var agent = await CliStandIn.StartAsync(_requests);

        var run = await CliRun.RunAsync(agent.SocketPath, "forget", "beta");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("forgot beta: the tombstone spreads to every peer by gossip\n", run.Out);
        Assert.Contains("POST /v1/nodes/beta/forget", _requests);
    }

    [Fact]
    public async Task Forget_UnknownNode_SaysSo()
    {
        await using var agent = await CliStandIn.StartAsync(_requests);

        var run = await CliRun.RunAsync(agent.SocketPath, "forget", "omega");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"psstd-agent: no node \"omega\" is known to the agent on {agent.SocketPath} (`psstd-agent nodes` lists them)\n", run.Error);
    }

    [Fact]
    public async Task SilenceAdd_PostsItsFieldsEscaped_AndPrintsTheId()
    {
        await using var agent = await CliStandIn.StartAsync(_requests);

        var run = await CliRun.RunAsync(agent.SocketPath, "silence", "add", "--rule", "cpu-*", "--node", "web-?", "--for", "2h", "--comment", "kernel & reboot");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("silence 11111111-2222-3333-4444-555555555555 set: it spreads to every peer with this node's next record\n", run.Out);
        Assert.Contains("POST /v1/silences?rule=cpu-%2A&node=web-%3F&for=2h&comment=kernel%20%26%20reboot", _requests);
    }

    [Fact]
    public async Task SilenceAdd_Refused_SaysWhy_AndRemove_OfAnotherNodesSilence_SaysWhereToEndIt()
    {
        await using var agent = await CliStandIn.StartAsync(_requests);

        var refused = await CliRun.RunAsync(agent.SocketPath, "silence", "add", "--rule", "bad pattern", "--for", "1h");
        var elsewhere = await CliRun.RunAsync(agent.SocketPath, "silence", "remove", "99999999-2222-3333-4444-555555555555");
        var notAnId = await CliRun.RunAsync(agent.SocketPath, "silence", "remove", "soon");
        var ended = await CliRun.RunAsync(agent.SocketPath, "silence", "remove", "11111111-2222-3333-4444-555555555555");

        Assert.Equal((2, "psstd-agent: silence refused: rule 'bad pattern' must be a pattern\n"), (refused.ExitCode, refused.Error));
        Assert.Equal((1, "psstd-agent: this agent has no silence\n"), (elsewhere.ExitCode, elsewhere.Error));
        Assert.Equal(2, notAnId.ExitCode);
        Assert.Equal(0, ended.ExitCode);
        Assert.Contains("DELETE /v1/silences/11111111-2222-3333-4444-555555555555", _requests);
    }

    [Fact]
    public async Task SilenceList_PrintsEveryRunningSilence_AndWhichAreNotHonoured()
    {
        var snapshot = TerminalFixtures.Snapshot() with
        {
            Silences =
            [
                new AlertSilence(Guid.Parse("11111111-2222-3333-4444-555555555555"), "cpu-*", "", 5400, "kernel upgrade", TerminalFixtures.Id(1), "alpha", true),
                new AlertSilence(Guid.Parse("22222222-2222-3333-4444-555555555555"), "", "db-1", 90, "", TerminalFixtures.Id(2), "beta", false),
            ],
        };
        await using var agent = await CliStandIn.StartAsync(_requests, snapshot: snapshot);

        var run = await CliRun.RunAsync(agent.SocketPath, "silence", "list");

        var lines = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("ID", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^11111111-2222-3333-4444-555555555555\s+cpu-\*\s+\*\s+1h\s+alpha\s+kernel upgrade$", lines[1]);
        Assert.Contains("beta (not honoured: gossip is not authenticated)", lines[2], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("forget", "/v1/nodes/beta/forget")]
    [InlineData("history", "/v1/nodes/beta/history")]
    public async Task AgentWithoutTheRoute_SaysItDoesNotServeIt(string command, string path)
    {
        await using var agent = await CliStandIn.StartAsync(_requests, withNewRoutes: false);

        var run = await CliRun.RunAsync(agent.SocketPath, command, "beta");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal($"psstd-agent: the agent on {agent.SocketPath} does not serve {path} (404): it is an older version; upgrade it\n", run.Error);
    }

    [Fact]
    public async Task History_PassesFormatAndSince_AndPrintsTheExport()
    {
        await using var agent = await CliStandIn.StartAsync(_requests);

        var run = await CliRun.RunAsync(agent.SocketPath, "history", "beta", "--since", "2h", "--format", "ndjson");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal("at,cpu\n2026-01-31T11:00:00Z,91\n# format ndjson\n", run.Out);
        Assert.Contains("GET /v1/nodes/beta/history?format=ndjson&since=2026-01-31T10%3A00%3A00.0000000%2B00%3A00", _requests);
    }

    [Fact]
    public async Task History_BadSince_NamesTheOption()
    {
        var run = await CliRun.RunAsync("/tmp/psstd-none.sock", "history", "beta", "--since", "yesterday");

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("psstd-agent: --since \"yesterday\" is invalid: must be a duration", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_ExplainsSeedsContactsPeersDropsClockAndVersions()
    {
        await using var agent = await CliStandIn.StartAsync(_requests);

        var run = await CliRun.RunAsync(agent.SocketPath, "doctor");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n');
        Assert.Contains("  127.0.0.1:7950 -> an address, used as given", lines);
        Assert.Contains(lines, l => l.StartsWith("  seed.invalid:7947 -> does not resolve", StringComparison.Ordinal));
        Assert.Contains("  127.0.0.1:7950  seed  last heard 2s ago", lines);
        Assert.Contains("  10.0.0.9:7947  mdns (from _psstd._udp.local)  never heard", lines);
        Assert.Contains("  delta  offline  last new record 42s ago  at 10.0.0.4:7947", lines);
        Assert.Contains("  CannotOpen 2: a sender seals with a key this agent does not hold; compare PSSTD_KEY on both", lines);
        Assert.Contains("  OtherCluster 3: a sender uses another PSSTD_CLUSTER; give every node the same name", lines);
        Assert.Contains(lines, l => l.StartsWith("refused   5 answers to addresses that have not proved they receive there", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("clock     agent 2026-01-31 12:00:01Z, here 2026-01-31 12:00:00Z;", StringComparison.Ordinal));
        Assert.Contains("versions  2 versions in the cluster: 0.1.0 (alpha, beta, delta, epsilon, zeta); 0.2.0 (gamma)", lines);
    }

    [Fact]
    public async Task Doctor_AgentWithoutContacts_SaysSoAndGoesOn()
    {
        await using var agent = await CliStandIn.StartAsync(_requests, withNewRoutes: false);

        var run = await CliRun.RunAsync(agent.SocketPath, "doctor");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("  not served by this agent (/v1/contacts: 404); upgrade it to see discovery results\n", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Doctor_NodesOnOtherAlertRules_AreCounted_AndTheFixNamed()
    {
        var fixture = TerminalFixtures.Snapshot();
        var snapshot = fixture with { Nodes = [.. fixture.Nodes.Select(n => n.IsSelf || n.Name == "beta" ? n with { AlertsFingerprint = "0123456789abcdef" } : n)] };
        var others = snapshot.Nodes.Count(n => n.Health is NodeHealth.Fresh or NodeHealth.Stale && n.AlertsFingerprint.Length == 0);
        await using var agent = await CliStandIn.StartAsync(_requests, snapshot: snapshot);

        var run = await CliRun.RunAsync(agent.SocketPath, "doctor");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(1, others); // the fixture's one live node besides alpha and beta
        Assert.Contains("alerts    1 node runs other alert rules or none: it is not asked to notify; give every node the same PSSTD_ALERTS file and webhook\n", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Top_Once_PrintsOnePlainFrame()
    {
        await using var agent = await CliStandIn.StartAsync(_requests);

        var run = await CliRun.RunAsync(agent.SocketPath, "top", "--once", "--list", "--sort", "cpu");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n');
        Assert.Equal("psstd · cluster lab · 6 nodes · 2026-01-31 12:00:00Z · sort cpu", lines[0]);
        Assert.Equal($"agent {agent.SocketPath}", lines[1]);
        Assert.StartsWith("● beta ", lines.First(l => l.StartsWith('●')), StringComparison.Ordinal);
        Assert.Equal(6, lines.Count(l => l.StartsWith('●')));
    }

    [Theory]
    [InlineData("status")]
    [InlineData("nodes")]
    [InlineData("top", "--once")]
    [InlineData("doctor")]
    [InlineData("forget", "x")]
    [InlineData("history", "x")]
    public async Task NoAgentRunning_OneLineAndExitCode3(params string[] args)
    {
        await using var absent = UnixSocketAgent.Absent();

        var run = await CliRun.RunAsync(absent.SocketPath, args);

        Assert.Equal(CliFailureException.NoAgentExitCode, run.ExitCode);
        Assert.Equal($"psstd-agent: no agent answers on {absent.SocketPath}: start one with `psstd-agent`, or point at it with --socket or PSSTD_SOCKET\n", run.Error);
        Assert.Equal("", run.Out);
    }

    [Fact]
    public async Task SocketOption_WinsOverTheEnvironment()
    {
        await using var agent = await CliStandIn.StartAsync(_requests);

        var run = await CliRun.RunAsync("/tmp/psstd-none.sock", "nodes", "--socket", agent.SocketPath);

        Assert.Equal(0, run.ExitCode);
    }

    [Theory]
    [InlineData("Commands:", "top", "status", "nodes", "forget", "doctor", "history")]
    [InlineData("top --help", "--list", "--sort", "--once", "--socket")]
    [InlineData("status --help", "store size", "--socket")]
    [InlineData("nodes --help", "--json")]
    [InlineData("forget --help", "<node>", "tombstone")]
    [InlineData("doctor --help", "seeds", "dropped packets")]
    [InlineData("history --help", "<node>", "--since", "--format")]
    public async Task Help_DescribesEveryCommand(string args, params string[] expected)
    {
        var argv = args == "Commands:" ? ["--help"] : args.Split(' ');

        var run = await CliRun.RunAsync("/tmp/psstd-none.sock", argv);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Usage:", run.Out, StringComparison.Ordinal);
        Assert.All(expected, e => Assert.Contains(e, run.Out, StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnknownSortKey_IsAParseError()
    {
        var run = await CliRun.RunAsync("/tmp/psstd-none.sock", "top", "--sort", "colour");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("colour", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false, "top")]
    [InlineData(false, "--help")]
    [InlineData(false, "--version")]
    [InlineData(false, "--no-such-option")]
    public void RunsAgent_OnlyWithNoCommand(bool expected, params string[] args)
    {
        var console = new CliConsole(TextWriter.Null, TextWriter.Null, new Dictionary<string, string>(), TimeProvider.System, true, 80);

        Assert.Equal(expected, AgentCommandLine.RunsAgent(AgentCommandLine.Create(console).Parse(args)));
    }
}
