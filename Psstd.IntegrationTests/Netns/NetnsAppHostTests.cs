using System.Diagnostics;
using Psstd.AppHost.Model;
using Psstd.AppHost.Netns;
using Psstd.AppHost.Running;
using Psstd.Tests.Support.Harness;
using Psstd.Contracts;
using Psstd.Tests.Integration;
using Psstd.Tests.Support;
using Psstd.Tests.Support.Netns;

namespace Psstd.Tests.Netns;

/// <summary>
/// <c>dotnet run --project Psstd.AppHost -- --netns</c> for real: pairs in namespaces form a cluster,
/// a split and a heal merge it again without restarts, and the AppHost leaves nothing behind.
/// </summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Netns")]
public sealed class NetnsAppHostTests
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(4);
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(30);
    private static readonly string[] Nodes = ["node-1", "node-2", "node-3"];

    private static readonly Dictionary<string, string> ShortTtl = new(StringComparer.Ordinal)
    {
        ["PSSTD_NODE_TTL"] = "4s",
    };

    /// <remarks>
    /// Alerts ride along: every agent has a node-down rule and posts to a receiver on the host's bridge. During the
    /// split each side chooses its own notifier for the nodes it lost (never two on one side), and after the heal
    /// the connected side's alert resolves exactly once.
    /// </remarks>
    [NetnsFact]
    public async Task WithSeeds_ThreeNamespacesFormOneCluster_ASplitAndAHealMergeItWithoutRestarts_AndSigTermLeavesNothing()
    {
        using var rules = new TempDirectory();
        var rulesFile = Path.Combine(rules.Path, "alerts.yaml");
        await File.WriteAllTextAsync(rulesFile, "rules:\n  - name: node-down\n    metric: health\n    states: [suspect, offline]\n");
        var bridge = $"{NetnsModel.AddressPrefix}{NetnsNetwork.FreeSubnet()}.1";
        var port = FreePort();
        var environment = new Dictionary<string, string>(ShortTtl)
        {
            ["PSSTD_ALERTS"] = rulesFile,
            ["PSSTD_ALERT_WEBHOOK"] = $"http://{bridge}:{port}/hook",
        };
        using var host = await AppHostProcess.StartReadyAsync(environment, "--netns", "--nodes", "3", "--netns-seeds");
        await using var receiver = await WebhookReceiver.StartAsync(listen: new System.Net.IPEndPoint(System.Net.IPAddress.Parse(bridge), port));
        Assert.Equal(6, host.Children.Count); // three agents, three dashboards, each in its namespace
        Assert.Equal(7, NetnsNetwork.ObjectsOwnedBy(host.Id).Count);

        await host.EveryViewAsync(Nodes, "sees all three nodes fresh", TimeSpan.FromSeconds(60), AllFresh);
        foreach (var node in Nodes)
        {
            var build = (await host.StatusAsync(node, CancellationToken.None)).Build;
            Assert.True(build == "NativeAOT", $"{node}'s agent is the {build} build: --netns runs the NativeAOT agent, as real hosts do; publishing it needs clang and zlib1g-dev (apt-get install clang zlib1g-dev)\n{host.Process.Output}");
        }

        var generations = (await host.SnapshotAsync("node-1", CancellationToken.None)).Nodes.ToDictionary(n => n.Name, n => n.Generation);
        Assert.All((await host.SnapshotAsync("node-1", CancellationToken.None)).Nodes, n => Assert.StartsWith("10.213.", n.GossipAddress, StringComparison.Ordinal));

        Assert.Equal("netns: split: node-1 node-2 | node-3", await host.CommandAsync("split", "netns: split"));
        await host.EveryViewAsync(["node-1", "node-2"], "no longer hears node-3", Ttl * 3, s => Health(s, "node-3") is NodeHealth.Offline or NodeHealth.Suspect);
        await host.EveryViewAsync(["node-3"], "no longer hears node-1 and node-2", Ttl * 3, s =>
            Health(s, "node-1") is NodeHealth.Offline or NodeHealth.Suspect && Health(s, "node-2") is NodeHealth.Offline or NodeHealth.Suspect);
        await host.EveryViewAsync(["node-1"], "still hears node-2 in its own half", Ttl, s => Health(s, "node-2") == NodeHealth.Fresh);

        // Each side chooses its own notifier: node-1's side tells of node-3 once; node-3, alone, is the notifier of
        // its alerts about node-1 and node-2. (Its posts cannot reach the receiver: the split moved node-3 to a
        // bridge without the host, as a real partition can cut a side off from the webhook too.)
        IReadOnlyList<ReceivedRequest> split;
        try
        {
            split = await receiver.WhenAsync("a firing about node-3 from the other side", TimeSpan.FromSeconds(60), all =>
                Deliveries(all, "node-3", "firing").Count > 0);
            await host.EveryViewAsync(["node-3"], "lists node-1 and node-2 down, notified by itself", TimeSpan.FromSeconds(30), s =>
                s.Alerts.Count(a => a.Notifier == "node-3" && a.NodeName is "node-1" or "node-2") == 2);
        }
        catch (TimeoutException ex)
        {
            var views = await Task.WhenAll(Nodes.Select(async n => $"{n}: {string.Join(", ", (await host.SnapshotAsync(n, CancellationToken.None)).Alerts.Select(a => $"{a.Rule} {a.NodeName} by {a.Notifier}"))}"));
            throw new TimeoutException($"{ex.Message}; received: {string.Join("; ", receiver.Received)}; alerts: {string.Join(" | ", views)}\n{host.Process.Output}", ex);
        }

        Assert.Contains(Deliveries(split, "node-3", "firing")[0].Field("sender"), Nodes[..2]);

        Assert.StartsWith("netns: healed", await host.CommandAsync("heal", "netns: healed"), StringComparison.Ordinal);
        await host.EveryViewAsync(Nodes, "sees all three fresh again after the heal", TimeSpan.FromSeconds(60), AllFresh);
        await host.EveryViewAsync(Nodes, "lists no alert after the heal", TimeSpan.FromSeconds(30), s => s.Alerts.Count == 0);

        // The connected side resolves its alert exactly once. node-3's own notices went to a receiver it could not
        // reach: they are retried for a bounded time and may be lost (docs/alerts.md), but never sent twice and
        // never by another agent.
        IReadOnlyList<ReceivedRequest> healed;
        try
        {
            healed = await receiver.WhenAsync("the resolution about node-3", TimeSpan.FromSeconds(90), all =>
                Deliveries(all, "node-3", "resolved").Count > 0);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{ex.Message}; received: {string.Join("; ", receiver.Received)}\n{host.Process.Output}", ex);
        }

        Assert.Single(Deliveries(healed, "node-3", "resolved"));
        Assert.Single(Deliveries(healed, "node-3", "firing").Select(d => d.Field("key")).Distinct());
        foreach (var cut in new[] { "node-1", "node-2" })
        {
            Assert.True(Deliveries(healed, cut, "resolved").Count <= 1, $"{cut} resolved more than once: {string.Join("; ", healed)}");
            Assert.All(healed.Where(d => d.Field("node") == cut), d => Assert.Equal("node-3", d.Field("sender")));
        }

        // The same processes, the same generations: the cluster merged, nothing restarted.
        Assert.All(host.Children, pid => Assert.True(LinuxProcesses.IsAlive(pid), $"child {pid} is gone"));
        Assert.Equal(generations, (await host.SnapshotAsync("node-1", CancellationToken.None)).Nodes.ToDictionary(n => n.Name, n => n.Generation));

        Assert.True(PosixSignals.Terminate(host.Id));
        await host.Process.WaitForExitAsync(ExitTimeout);
        // DCP, not the AppHost, is the children's parent: they end shortly after it, not before it.
        await Eventually.ReturnsAsync("every process of the run exits", ExitTimeout, _ => Task.FromResult(host.Alive().Count > 0 ? null : "gone"));
        Assert.Empty(NetnsNetwork.ObjectsOwnedBy(host.Id));
        Assert.False(Directory.Exists(host.RootDirectoryPath), $"{host.RootDirectoryPath} was left behind");
    }

    [NetnsFact]
    public async Task AKilledAppHostsNamespaces_AreRemovedByTheNextAppHost()
    {
        int killedId;
        using (var killed = await AppHostProcess.StartReadyAsync(ShortTtl, "--netns", "--nodes", "1"))
        {
            killedId = killed.Id;
            killed.Process.KillAlone(); // a crash: no chance to clean up
            await Eventually.ReturnsAsync("the killed AppHost's children exit by themselves", ExitTimeout, _ =>
                Task.FromResult(killed.Children.Any(LinuxProcesses.IsAlive) ? null : "gone"));
            Assert.Equal(3, NetnsNetwork.ObjectsOwnedBy(killedId).Count); // bridge, veth, namespace: left behind

            using var next = await AppHostProcess.StartReadyAsync(ShortTtl, "--netns", "--nodes", "1");
            Assert.Empty(NetnsNetwork.ObjectsOwnedBy(killedId));
            Assert.Contains($"removed psstd-{killedId}-node-1, left by an AppHost that is gone", next.Process.Output, StringComparison.Ordinal);
            Assert.Equal(3, NetnsNetwork.ObjectsOwnedBy(next.Id).Count);

            Assert.True(PosixSignals.Terminate(next.Id));
            await next.Process.WaitForExitAsync(ExitTimeout);
            Assert.Empty(NetnsNetwork.ObjectsOwnedBy(next.Id));
        }

        Assert.Empty(NetnsNetwork.ObjectsOwnedBy(killedId));
    }

    /// <summary>Needs no namespaces: as root it drops to nobody (setpriv) to be refused.</summary>
    [Fact]
    public async Task NotRoot_IsRefusedWithOneLine_AndExitCode2()
    {
        var dll = typeof(Psstd.AppHost.AppHostOptions).Assembly.Location;
        var info = new ProcessStartInfo(Environment.IsPrivilegedProcess ? "setpriv" : "dotnet");
        if (Environment.IsPrivilegedProcess)
        {
            foreach (var word in new[] { "--reuid=65534", "--regid=65534", "--clear-groups", "dotnet" })
            {
                info.ArgumentList.Add(word);
            }

            info.Environment["HOME"] = Path.GetTempPath();
            info.Environment["DOTNET_CLI_HOME"] = Path.GetTempPath();
        }

        foreach (var word in new[] { "exec", dll, "--netns", "--nodes", "1" })
        {
            info.ArgumentList.Add(word);
        }

        using var refused = CapturedProcess.Start(info, "apphost");
        await refused.WaitForExitAsync(ExitTimeout);

        Assert.Equal(2, refused.ExitCode);
        Assert.Equal("psstd AppHost: --netns refused: network namespaces need root (run with sudo)", refused.StandardError.Trim());
    }

    /// <summary>The issue's own case: no seeds at all, the agents' mDNS joins the namespaces.</summary>
    [NetnsFact]
    public async Task WithoutSeeds_DiscoveryJoinsThreeNamespacesIntoOneCluster_AndASplitHeals()
    {
        using var host = await AppHostProcess.StartReadyAsync(ShortTtl, "--netns", "--nodes", "3");

        await host.EveryViewAsync(Nodes, "sees all three nodes fresh, found by mDNS", TimeSpan.FromSeconds(60), AllFresh);

        await host.CommandAsync("split", "netns: split");
        await host.EveryViewAsync(["node-1", "node-2"], "no longer hears node-3", Ttl * 3, s => Health(s, "node-3") is NodeHealth.Offline or NodeHealth.Suspect);
        await host.CommandAsync("heal", "netns: healed");
        await host.EveryViewAsync(Nodes, "sees all three fresh again after the heal", TimeSpan.FromSeconds(60), AllFresh);

        Assert.True(PosixSignals.Terminate(host.Id));
        await host.Process.WaitForExitAsync(ExitTimeout);
        Assert.Empty(NetnsNetwork.ObjectsOwnedBy(host.Id));
    }

    private static bool AllFresh(ClusterSnapshot snapshot) =>
        snapshot.Nodes.Count == Nodes.Length && snapshot.Nodes.All(n => n.Health == NodeHealth.Fresh);

    private static List<ReceivedRequest> Deliveries(IEnumerable<ReceivedRequest> all, string node, string state) =>
        [.. all.Where(d => d.Field("node") == node && d.Field("state") == state)];

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static NodeHealth? Health(ClusterSnapshot snapshot, string name) =>
        snapshot.Nodes.FirstOrDefault(n => n.Name == name)?.Health;
}
