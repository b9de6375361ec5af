using System.Net;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Psstd.Agent.Store;
using Psstd.AppHost.Model;
using Psstd.AppHost.Running;
using Psstd.Tests.Support.Harness;
using Psstd.Contracts;
using Psstd.Tests.Integration;
using Psstd.Tests.Support;

namespace Psstd.Tests.Store;

/// <summary>The store under real agents: a restart shows the last known cluster at once, judged honestly; kill -9 never corrupts it; a file that is not ours stops the start.</summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Integration")]
public sealed class StoreProcessTests : IDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);
    private readonly TempDirectory _root = new();

    [Fact]
    public async Task Restart_ListsEveryKnownNodeAtOnce_NoneOfThemFresh_UntilTheyComeBack()
    {
        await using var cluster = LocalCluster.Start(TestClusters.Spec(Path.Combine(_root.Path, "c"), 3, new Dictionary<string, string>(), dashboards: false), _ => { }, TimeProvider.System);
        try
        {
            await cluster.WaitUntilReadyAsync(ReadyTimeout, CancellationToken.None);
            var third = cluster.Nodes[2];
            using var agent = AgentSocket.Client(third.SocketPath);
            await WaitForEventsAsync(agent, "node-3 has stored the joins of node-1 and node-2", list =>
                list.Events.Count(e => e.Kind == ClusterEventKind.Join && e.NodeName is "node-1" or "node-2") == 2);
            var before = await agent.GetFromJsonAsync(LocalApiRoutes.Cluster, LocalApiJsonContext.Default.ClusterSnapshot);

            cluster.Agent("node-1").Kill(); // a crash: its last record stays as it was
            await cluster.Agent("node-2").StopAsync(TimeSpan.FromSeconds(10), TimeProvider.System); // a leave
            await WaitForEventsAsync(agent, "node-3 has stored node-2's leave", list =>
                list.Events.Any(e => e.Kind == ClusterEventKind.Left && e.NodeName == "node-2"));
            await cluster.Agent("node-3").StopAsync(TimeSpan.FromSeconds(10), TimeProvider.System);

            cluster.RestartAgent("node-3");
            var after = await Eventually.ReturnsAsync("node-3 answers again", ReadyTimeout, async ct =>
            {
                try
                {
                    return await agent.GetFromJsonAsync(LocalApiRoutes.Cluster, LocalApiJsonContext.Default.ClusterSnapshot, ct);
                }
                catch (HttpRequestException)
                {
                    return null;
                }
            });

            Assert.Equal(["node-1", "node-2", "node-3"], after.Nodes.Select(n => n.Name));
            Assert.Equal(NodeHealth.Offline, after.Nodes[0].Health);
            Assert.Equal(NodeHealth.Left, after.Nodes[1].Health);
            Assert.All(after.Nodes.Take(2), n => Assert.True(n.AgeSeconds > n.TtlSeconds, $"{n.Name} is {n.AgeSeconds}s old"));
            Assert.True(after.Nodes[0].Sequence >= before!.Nodes.Single(n => n.Name == "node-1").Sequence, "node-1's last stored record is older than one seen before");
            Assert.True(after.Nodes[2].IsSelf);
            Assert.Equal(before.Nodes.Single(n => n.IsSelf).Generation + 1, after.Nodes[2].Generation);

            await AssertHistoryApiAsync(agent);

            cluster.RestartAgent("node-1");
            await WaitForEventsAsync(agent, "node-3 sees node-1 recover", list =>
                list.Events.Any(e => e.Kind == ClusterEventKind.Recovered && e.NodeName == "node-1"));
            var back = await agent.GetFromJsonAsync(LocalApiRoutes.Cluster, LocalApiJsonContext.Default.ClusterSnapshot);
            Assert.Equal(NodeHealth.Fresh, back!.Nodes.Single(n => n.Name == "node-1").Health);
        }
        catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
        {
            throw new Xunit.Sdk.XunitException($"{ex.Message}{Environment.NewLine}{cluster.DescribeOutput()}", ex);
        }
    }

    [Fact]
    public async Task KillNine_WhileWriting_NeverCorrupts_AndKeepsEveryCommittedBatch()
    {
        var state = Path.Combine(_root.Path, "state");
        var socket = _root.File("k.sock");
        var environment = new Dictionary<string, string>
        {
            ["PSSTD_NODE_NAME"] = "victim",
            ["PSSTD_DB"] = state,
            ["PSSTD_SOCKET"] = socket,
            ["PSSTD_GOSSIP"] = $"127.0.0.1:{PortPicker.Pick(TestPorts.Next(), 1, udpToo: true)[0]}",
            ["PSSTD_INTERVAL"] = "100ms",
            ["PSSTD_MDNS"] = "false",
            ["PSSTD_PARENT_PID"] = Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var committed = new HashSet<DateTimeOffset>();
        for (var round = 1; round <= 4; round++)
        {
            using var victim = CapturedProcess.StartProgram(ChildBinaries.FromBuild().Agent, environment);
            try
            {
                using var agent = AgentSocket.Client(socket);
                var needed = committed.Count + 3;
                var history = await Eventually.ReturnsAsync($"round {round}: {needed} points served", ReadyTimeout, async ct =>
                {
                    try
                    {
                        var h = await agent.GetFromJsonAsync(LocalApiRoutes.HistoryOf("victim") + "?resolution=1s", LocalApiJsonContext.Default.NodeHistory, ct);
                        return h is not null && h.Points.Count >= needed ? h : null;
                    }
                    catch (HttpRequestException)
                    {
                        return null;
                    }
                });

                victim.KillAlone(); // SIGKILL while the writer keeps committing every second
                await victim.WaitForExitAsync(TimeSpan.FromSeconds(10));

                committed.UnionWith(history.Points.Select(p => p.At));
                var onDisk = ReadAfterCrash(Path.Combine(state, StoreSchema.FileName), history.Id);
                Assert.Equal("ok", onDisk.Integrity);
                Assert.Subset(onDisk.Points.ToHashSet(), committed);
                Assert.True(onDisk.NodeRows == 1, $"round {round}: {onDisk.NodeRows} node rows");
            }
            catch (Exception ex) when (ex is not Xunit.Sdk.XunitException)
            {
                throw new Xunit.Sdk.XunitException($"round {round}: {ex.Message}{Environment.NewLine}{victim.Output}", ex);
            }
        }
    }

    [Fact]
    public async Task Garbage_AtTheStorePath_StopsTheStartWithOneLine_AndIsLeftAlone()
    {
        var (environment, path) = StartEnvironment("garbage");
        var garbage = new byte[8192];
        new Random(11).NextBytes(garbage);
        await File.WriteAllBytesAsync(path, garbage);

        using var result = await CapturedProcess.RunProgramAsync(ChildBinaries.FromBuild().Agent, environment, TimeSpan.FromSeconds(60));

        AssertOneLine(result, path, "is not a SQLite database");
        Assert.Equal(garbage, await File.ReadAllBytesAsync(path));
    }

    [Fact]
    public async Task AnotherApplicationsDatabase_AtTheStorePath_StopsTheStartWithOneLine_AndIsLeftAlone()
    {
        var (environment, path) = StartEnvironment("foreign");
        ForeignDatabase.Create(path, applicationId: 0x12345678);
        SqliteConnection.ClearAllPools();
        var before = await File.ReadAllBytesAsync(path);

        using var result = await CapturedProcess.RunProgramAsync(ChildBinaries.FromBuild().Agent, environment, TimeSpan.FromSeconds(60));

        AssertOneLine(result, path, "is a SQLite database of another application (application_id 0x12345678");
        Assert.Equal(before, await File.ReadAllBytesAsync(path));
    }

    private (Dictionary<string, string> Environment, string DbPath) StartEnvironment(string name)
    {
        var state = Path.Combine(_root.Path, name);
        Directory.CreateDirectory(state);
        return (new Dictionary<string, string>
        {
            ["PSSTD_DB"] = state,
            ["PSSTD_SOCKET"] = _root.File(name + ".sock"),
            ["PSSTD_GOSSIP"] = $"127.0.0.1:{TestPorts.Next()}",
            ["PSSTD_MDNS"] = "false",
        }, Path.Combine(state, StoreSchema.FileName));
    }

    private static void AssertOneLine(CapturedProcess result, string path, string what)
    {
        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("psstd-agent: store ", line, StringComparison.Ordinal);
        Assert.Contains(path, line, StringComparison.Ordinal);
        Assert.Contains(what, line, StringComparison.Ordinal);
        Assert.Contains("PSSTD_DB", line, StringComparison.Ordinal);
    }

    private static async Task AssertHistoryApiAsync(HttpClient agent)
    {
        var csv = await agent.GetStringAsync(new Uri(LocalApiRoutes.HistoryOf("node-1") + "?format=csv&resolution=5s", UriKind.Relative));
        var lines = csv.TrimEnd('\n').Split('\n');
        Assert.StartsWith("at,cpu_busy_percent,", lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length > 1, csv);

        var ndjson = await agent.GetStringAsync(new Uri(LocalApiRoutes.HistoryOf("node-1") + "?format=ndjson", UriKind.Relative));
        Assert.All(ndjson.TrimEnd('\n').Split('\n'), line => Assert.NotNull(System.Text.Json.JsonSerializer.Deserialize(line, LocalApiJsonContext.Default.HistoryPoint)));

        var ofNode1 = await agent.GetFromJsonAsync(LocalApiRoutes.Events + "?node=node-1&limit=5", LocalApiJsonContext.Default.ClusterEventList);
        Assert.NotEmpty(ofNode1!.Events);
        Assert.All(ofNode1.Events, e => Assert.Equal("node-1", e.NodeName));
        Assert.True(ofNode1.Events.Count <= 5);

        using var badLimit = await agent.GetAsync(new Uri(LocalApiRoutes.Events + "?limit=0", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Contains("limit", await badLimit.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var unknownEvents = await agent.GetAsync(new Uri(LocalApiRoutes.Events + "?node=nobody", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknownEvents.StatusCode);

        using var unknown = await agent.GetAsync(new Uri(LocalApiRoutes.HistoryOf("nobody"), UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        using var bad = await agent.GetAsync(new Uri(LocalApiRoutes.HistoryOf("node-1") + "?resolution=soon", UriKind.Relative));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("resolution", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private static Task<ClusterEventList> WaitForEventsAsync(HttpClient agent, string what, Func<ClusterEventList, bool> done) =>
        Eventually.ReturnsAsync(what, TimeSpan.FromSeconds(30), async ct =>
        {
            var list = await agent.GetFromJsonAsync(LocalApiRoutes.Events, LocalApiJsonContext.Default.ClusterEventList, ct);
            return list is not null && done(list) ? list : null;
        });

    /// <summary>Opens the store as the next start would (recovering the WAL), checks it, and reads the node's points at 1 s.</summary>
    private static (string Integrity, IReadOnlyList<DateTimeOffset> Points, long NodeRows) ReadAfterCrash(string path, Guid id)
    {
        StoreFile.InitializeSqlite();
        var connectionString = StoreFile.ConnectionString(path, pooling: false);
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        var integrity = (string)check.ExecuteScalar()!;
        check.CommandText = "SELECT count(*) FROM nodes";
        var nodes = (long)check.ExecuteScalar()!;
        var points = new StoreQueries(connectionString).History(id, DateTimeOffset.UnixEpoch, DateTimeOffset.MaxValue.AddDays(-1), TimeSpan.FromSeconds(1));
        return (integrity, [.. points.Select(p => p.At)], nodes);
    }

    public void Dispose() => _root.Dispose();
}
