using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Formatting;
using Psstd.Dashboard.Preferences;
using Psstd.Dashboard.ViewModels;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Trust;
using static Psstd.Tests.Dashboard.TestSnapshots;
using Psstd.Dashboard.Rendering;

namespace Psstd.Tests.Dashboard;

public sealed class ClusterViewModelBuilderTests
{
    private static readonly PageAddress Root = new("/", []);

    [Fact]
    public void Build_OrdersNodesByNameIgnoringCase()
    {
        var model = Build(Snapshot(Node("beta"), Node("Alpha"), Node("gamma"), Node("alpha")));

        Assert.Equal(["Alpha", "alpha", "beta", "gamma"], model.Nodes.Select(n => n.Name));
    }

    [Fact]
    public void Build_CarriesClusterAndSelf_AndNoError()
    {
        var model = Build(Snapshot(Node("a"), Node("me", isSelf: true)));

        Assert.Equal("psstd · lab", model.PageTitle);
        Assert.Equal("lab", model.ClusterName);
        Assert.Equal("me", model.SelfName);
        Assert.Null(model.AgentError);
        Assert.True(model.Nodes.Single(n => n.Name == "me").IsSelf);
        Assert.False(model.Nodes.Single(n => n.Name == "a").IsSelf);
    }

    [Fact]
    public void Build_CountsTheBaseStates_ZerosIncluded()
    {
        var model = Build(Snapshot(Node("a"), Node("b", NodeHealth.Offline), Node("c")));

        Assert.Equal(
            [new StateCountViewModel("fresh", 2), new StateCountViewModel("stale", 0), new StateCountViewModel("offline", 1)],
            model.StateCounts);
    }

    [Fact]
    public void Build_CountsRarerStates_OnlyWhenPresent()
    {
        var model = Build(Snapshot(Node("a", NodeHealth.Suspect), Node("b", NodeHealth.Left), Node("c")));

        Assert.Equal(["fresh", "stale", "suspect", "offline", "left"], model.StateCounts.Select(c => c.State));
        Assert.Equal(["suspect", "left", "fresh"], model.Nodes.Select(n => n.State));
    }

    [Fact]
    public void Build_MapsOneNodeToFormattedText()
    {
        var metrics = new NodeMetrics
        {
            LogicalCores = 3,
            CoreBusyPercent = [0.4, 49.5, 100.2],
            MemoryTotalBytes = 16 * GiB,
            MemoryUsedBytes = 4 * GiB,
            Load1 = 2,
            Load5 = 1.25,
            Load15 = 0.999,
        };

        var cell = Build(Snapshot(Node("n", NodeHealth.Stale, ageSeconds: 75.9, dashboardUrl: "https://n.example/", metrics: metrics))).Nodes[0];

        Assert.Equal("stale", cell.State);
        Assert.Equal("stale 1m 15s ago", cell.FreshnessText);
        // 49.5 % is drawn half long but stays green: the band follows the text a person reads, not the rounded length.
        Assert.Equal(
            [new CoreBarViewModel(0, 4, "low"), new CoreBarViewModel(50, 495, "low"), new CoreBarViewModel(100, 1000, "high")],
            cell.Cores);
        Assert.False(cell.DenseCores);
        Assert.Empty(cell.BusiestCores);
        Assert.Equal(new MeterViewModel(25, "low", "4.0G/16.0G", "4.0 GiB / 16.0 GiB"), cell.Memory);
        Assert.Equal(new MeterViewModel(0, "low", "0K/0K", "none"), cell.Swap);
        Assert.Equal("2.00 1.25 1.00", cell.LoadText);
        Assert.Equal("https://n.example/", cell.LinkUrl);
        Assert.Equal(LocalVersion, cell.Version);
        Assert.False(cell.VersionMismatch);
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(32, false)]
    [InlineData(33, true)]
    [InlineData(128, true)]
    public void Build_ManyCores_SwitchToDenseBars(int cores, bool dense)
    {
        var cell = Build(Snapshot(Node("n", cores: cores))).Nodes[0];

        Assert.Equal(cores, cell.Cores.Count);
        Assert.Equal(dense, cell.DenseCores);
    }

    [Fact]
    public void Build_CoresWithoutASampleYet_ShowAsIdle()
    {
        var metrics = new NodeMetrics { LogicalCores = 4, CoreBusyPercent = [] };

        var cell = Build(Snapshot(Node("n", metrics: metrics))).Nodes[0];

        Assert.Equal(4, cell.Cores.Count);
        Assert.All(cell.Cores, c => Assert.Equal(new CoreBarViewModel(0, 0, "low"), c));
        Assert.Equal("0K/0K", cell.Memory.Text);
        Assert.Equal(0, cell.Memory.Percent);
    }

    [Theory]
    [InlineData("", null)]
    [InlineData("http://10.0.0.2:8080/", "http://10.0.0.2:8080/")]
    [InlineData("https://b.example/?psstd_node=b", "https://b.example/?psstd_node=b")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("ftp://b.example/", null)]
    [InlineData("/relative", null)]
    public void Build_LinksOnlyToAbsoluteHttpDashboards(string url, string? expected) =>
        Assert.Equal(expected, Build(Snapshot(Node("n", dashboardUrl: url))).Nodes[0].LinkUrl);

    [Fact]
    public void Build_FlagsAVersionOtherThanTheLocalAgents()
    {
        var model = Build(Snapshot(Node("same"), Node("old", version: "0.0.9")));

        Assert.False(model.Nodes.Single(n => n.Name == "same").VersionMismatch);
        Assert.True(model.Nodes.Single(n => n.Name == "old").VersionMismatch);
    }

    [Fact]
    public void Unavailable_HasOnlyTheMessage()
    {
        var model = ClusterViewModelBuilder.Unavailable("/run/a.sock", AgentOutcome.Unreachable, "Connection refused", Root);

        Assert.Equal("The local psstd agent is not reachable at /run/a.sock: Connection refused. Is psstd-agent running?", model.AgentError);
        Assert.Empty(model.Nodes);
        Assert.Empty(model.StateCounts);
        Assert.Equal("psstd", model.PageTitle);
    }

    private static ClusterViewModel Build(ClusterSnapshot snapshot) => ClusterViewModelBuilder.Build(snapshot, Root, new PeerDashboards(DashboardHosts.None));
}
