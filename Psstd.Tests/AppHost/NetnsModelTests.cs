using System.Net;
using System.Text;
using Psstd.AppHost;
using Psstd.AppHost.Model;
using Psstd.AppHost.Netns;
using Psstd.AppHost.Reporting;
using Psstd.AppHost.Running;

namespace Psstd.Tests.AppHost;

/// <summary>The <c>--netns</c> topology as data: names, addresses, seeds, and what cleanup recognises as a run's own.</summary>
public sealed class NetnsModelTests
{
    private static ClusterSpec Spec(int nodes, bool seeds = false) => new(
        nodes,
        "/tmp/psstd-apphost-4242",
        [.. Enumerable.Repeat(8080, nodes)],
        [.. Enumerable.Repeat(7947, nodes)],
        new ChildBinaries("/b/psstd-agent.dll", "/b/psstd-dashboard.dll"),
        4242,
        new Dictionary<string, string> { ["PSSTD_NODE_TTL"] = "4s" },
        Netns: new NetnsSpec(4242, 7, seeds));

    [Fact]
    public void ThreeNodes_EachInItsOwnNamespace_WithItsOwnAddressOnTheRunsSubnet()
    {
        var nodes = ClusterModel.Build(Spec(3));

        Assert.Equal(["psstd-4242-node-1", "psstd-4242-node-2", "psstd-4242-node-3"], nodes.Select(n => n.Network!.Namespace));
        Assert.Equal(["10.213.7.11", "10.213.7.12", "10.213.7.13"], nodes.Select(n => n.Network!.Address.ToString()));
        Assert.Equal(["psd4242v1", "psd4242v2", "psd4242v3"], nodes.Select(n => n.Network!.HostLink));
        Assert.All(nodes, n => Assert.Equal(n.Network!.Namespace, n.Agent.Namespace));
        Assert.All(nodes, n => Assert.Equal(n.Network!.Namespace, n.Dashboard.Namespace));
    }

    [Fact]
    public void EachPair_ListensOnItsOwnAddress_AndTheDashboardIsAdvertisedThere()
    {
        var node = ClusterModel.Build(Spec(3))[1];

        Assert.Equal("10.213.7.12:7947", node.Agent.Environment["PSSTD_GOSSIP"]);
        Assert.Equal("10.213.7.12:8080", node.Dashboard.Environment["PSSTD_HTTP"]);
        Assert.Equal(new Uri("http://10.213.7.12:8080/"), node.DashboardUrl);
        Assert.Equal("http://10.213.7.12:8080/", node.Agent.Environment["PSSTD_ADVERTISE_HTTP"]);
        Assert.Equal("http://10.213.7.12:8080/", node.Dashboard.Environment["PSSTD_ADVERTISE_HTTP"]);
        Assert.Equal("4242", node.Agent.Environment["PSSTD_PARENT_PID"]);
        Assert.Equal("4s", node.Dashboard.Environment["PSSTD_NODE_TTL"]);
    }

    [Fact]
    public void ByDefault_NoSeeds_AndMdnsIsLeftToTheAgent()
    {
        var nodes = ClusterModel.Build(Spec(3));

        Assert.All(nodes, n => Assert.Equal("", n.Agent.Environment["PSSTD_SEEDS"]));
        Assert.All(nodes, n => Assert.False(n.Agent.Environment.ContainsKey("PSSTD_MDNS")));
    }

    [Fact]
    public void SeedsOptIn_SeedsEveryOtherNodesAddress_NotItself()
    {
        var node = ClusterModel.Build(Spec(3, seeds: true))[1];

        Assert.Equal("10.213.7.11:7947,10.213.7.13:7947", node.Agent.Environment["PSSTD_SEEDS"]);
    }

    [Fact]
    public void ReadyTable_ShowsEachNodesAddressAndNamespace()
    {
        var table = ReadyTable.Format(ClusterModel.Build(Spec(2)), aspireDashboard: null);

        Assert.Contains("namespace", table.Split(Environment.NewLine)[1], StringComparison.Ordinal);
        Assert.Matches(@"node-2 +http://10\.213\.7\.12:8080/ +10\.213\.7\.12:7947 +/tmp/psstd-apphost-4242/node-2/agent\.sock +psstd-4242-node-2", table);
    }

    [Fact]
    public void Loopback_StaysOnTheHost()
    {
        var node = ClusterModel.Build(Spec(2) with { Netns = null })[0];

        Assert.Null(node.Network);
        Assert.Null(node.Agent.Namespace);
        Assert.Equal("false", node.Agent.Environment["PSSTD_MDNS"]);
    }

    [Fact]
    public void LinkNames_FitLinuxsLimit_ForTheLargestPidAndNodeCount()
    {
        var topology = NetnsModel.Build(new NetnsSpec(4_194_304, 255), ClusterModel.MaxNodeCount);

        var links = topology.Nodes.Select(n => n.HostLink).Append(topology.Bridge).Append(topology.SplitBridge);
        Assert.All(links, name => Assert.InRange(Encoding.ASCII.GetByteCount(name), 1, NetnsModel.MaxLinkNameLength));
        Assert.Equal(IPAddress.Parse("10.213.255.74"), topology.Nodes[^1].Address);
        Assert.Equal(IPAddress.Parse("10.213.255.1"), topology.HostAddress);
    }

    [Fact]
    public void EveryNameOfARun_NamesItsOwner_AndNoOtherNameDoes()
    {
        var topology = NetnsModel.Build(new NetnsSpec(4242, 0), 3);

        var names = topology.Nodes.SelectMany(n => new[] { n.Namespace, n.HostLink }).Append(topology.Bridge).Append(topology.SplitBridge);
        Assert.All(names, name => Assert.Equal(4242, NetnsModel.OwnerOf(name)));
    }

    [Theory]
    [InlineData("eth0")]
    [InlineData("docker0")]
    [InlineData("psdbr")]
    [InlineData("psd42x")]
    [InlineData("psd4242v")]
    [InlineData("xpsd4242br")]
    [InlineData("psstd-42-node-")]
    [InlineData("psstd-node-1")]
    [InlineData("psstd-4242-node-1-old")]
    public void OtherNames_HaveNoOwner(string name) => Assert.Null(NetnsModel.OwnerOf(name));

    [Fact]
    public void Split_MovesTheSecondHalf()
    {
        Assert.Equal(["node-3"], NetnsModel.Build(new NetnsSpec(1, 0), 3).SplitOff.Select(n => n.NodeName));
        Assert.Equal(["node-3", "node-4"], NetnsModel.Build(new NetnsSpec(1, 0), 4).SplitOff.Select(n => n.NodeName));
        Assert.Empty(NetnsModel.Build(new NetnsSpec(1, 0), 1).SplitOff);
    }

    [Fact]
    public void FreeSubnet_SkipsSubnetsTheHostUses_IncludingWiderRoutes_ButNotTheDefaultRoute()
    {
        const string Host = """
            1: lo    inet 127.0.0.1/8 scope host lo
            2: eth0    inet 192.0.2.2/24 brd 192.0.2.255 scope global eth0
            3: br0    inet 10.213.0.1/24 scope global br0
            default via 192.0.2.1 dev eth0
            10.213.1.0/24 dev vpn0 proto kernel scope link
            110.213.2.0/24 via 192.0.2.1 dev eth0
            """;

        Assert.Equal(2, NetnsModel.FreeSubnet(Host));
        Assert.Equal(0, NetnsModel.FreeSubnet("default via 192.0.2.1 dev eth0\n"));
        Assert.Null(NetnsModel.FreeSubnet("10.0.0.0/8 via 192.0.2.1 dev eth0\n"));
        Assert.Equal(128, NetnsModel.FreeSubnet("10.213.0.0/17 dev tun0\n"));
    }

    [Fact]
    public void IpListings_AreReadForTheirNames()
    {
        Assert.Equal(["psstd-9-node-1", "other"], NetnsNetwork.ParseNamespaceList("psstd-9-node-1 (id: 0)\nother\n"));
        Assert.Equal(
            ["lo", "psd9v1", "psd9br"],
            NetnsNetwork.ParseLinkList("1: lo: <LOOPBACK,UP> mtu 65536\n7: psd9v1@if6: <BROADCAST> mtu 1500 master psd9br\n8: psd9br: <BROADCAST> mtu 1500\n"));
    }

    [Theory]
    [InlineData("20%", 20.0)]
    [InlineData("2.5%", 2.5)]
    [InlineData("0%", 0.0)]
    [InlineData("100%", 100.0)]
    [InlineData("101%", null)]
    [InlineData("20", null)]
    [InlineData("-1%", null)]
    [InlineData("%", null)]
    public void Percent_ReadsAWholeOrDecimalPercentage(string text, double? expected) =>
        Assert.Equal(expected, NetnsControl.Percent(text));

    [Theory]
    [InlineData("bogus")]
    [InlineData("cut")]
    [InlineData("loss node-1 20")]
    [InlineData("delay node-1 soon")]
    [InlineData("split now")]
    public void ControlLinesNotUnderstood_AreAnsweredWithTheCommandList_AndChangeNothing(string line)
    {
        var answer = NetnsControl.Execute(line, NetnsModel.Build(new NetnsSpec(1, 0), 2));

        Assert.False(answer.Succeeded);
        Assert.StartsWith("netns: not understood", answer.Text, StringComparison.Ordinal);
        Assert.Contains(NetnsControl.Help, answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownNode_IsNamedInTheAnswer()
    {
        var answer = NetnsControl.Execute("cut node-9", NetnsModel.Build(new NetnsSpec(1, 0), 2));

        Assert.False(answer.Succeeded);
        Assert.Contains("no node \"node-9\"", answer.Text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, true, true, "network namespaces need Linux")]
    [InlineData(true, false, true, "network namespaces need root (run with sudo)")]
    [InlineData(true, true, false, "`ip` is missing: install iproute2")]
    [InlineData(true, true, true, null)]
    public void Refusal_NamesTheFirstMissingNeed(bool linux, bool root, bool ipFound, string? expected) =>
        Assert.Equal(expected, NetnsNetwork.Refusal(linux, root, ipFound));

    [Fact]
    public void Switches_AreTakenOutOfTheArguments_AndSeedsImplyNetns()
    {
        Assert.Equal((true, false), Pick(AppHostOptions.Switches(["--netns", "--nodes", "3"])));
        Assert.Equal(["--nodes", "3"], AppHostOptions.Switches(["--netns", "--nodes", "3"]).Remaining);
        Assert.Equal((true, true), Pick(AppHostOptions.Switches(["--nodes", "3", "--netns-seeds"])));
        Assert.Equal((false, false), Pick(AppHostOptions.Switches(["--nodes", "3"])));

        static (bool, bool) Pick((bool Netns, bool Seeds, string[] Remaining) s) => (s.Netns, s.Seeds);
    }
}
