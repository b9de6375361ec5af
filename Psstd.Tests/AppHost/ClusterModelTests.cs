using System.Text;
using Psstd.AppHost.Model;

namespace Psstd.Tests.AppHost;

public sealed class ClusterModelTests
{
    private static ClusterSpec Spec(int nodes) => new(
        nodes,
        "/tmp/psstd-apphost-4242",
        [.. Enumerable.Range(8080, nodes)],
        [.. Enumerable.Range(7947, nodes)],
        new ChildBinaries("/b/psstd-agent.dll", "/b/psstd-dashboard.dll"),
        4242,
        new Dictionary<string, string> { ["PSSTD_NODE_TTL"] = "4s" });

    [Fact]
    public void ThreeNodes_EachWithItsOwnNamePortsAndPaths()
    {
        var nodes = ClusterModel.Build(Spec(3));

        Assert.Equal(["node-1", "node-2", "node-3"], nodes.Select(n => n.Name));
        Assert.Equal([8080, 8081, 8082], nodes.Select(n => n.HttpPort));
        Assert.Equal([7947, 7948, 7949], nodes.Select(n => n.GossipPort));
        Assert.Equal(3, nodes.Select(n => n.SocketPath).Distinct().Count());
        Assert.Equal(3, nodes.Select(n => n.StateDirectory).Distinct().Count());
        Assert.All(nodes, n => Assert.StartsWith("/tmp/psstd-apphost-4242/", n.SocketPath, StringComparison.Ordinal));
        Assert.Equal(new Uri("http://localhost:8080/"), nodes[0].DashboardUrl);
    }

    [Fact]
    public void EachAgent_IsSeededWithEveryOtherNode_NotItself()
    {
        var node = ClusterModel.Build(Spec(3))[1];

        Assert.Equal("127.0.0.1:7947,127.0.0.1:7949", node.Agent.Environment["PSSTD_SEEDS"]);
        Assert.Equal("127.0.0.1:7948", node.Agent.Environment["PSSTD_GOSSIP"]);
    }

    [Fact]
    public void AgentAndDashboard_ShareSocketAndAdvertisedUrl_AndWatchTheParent()
    {
        var node = ClusterModel.Build(Spec(2))[0];

        foreach (var process in new[] { node.Agent, node.Dashboard })
        {
            Assert.Equal(node.SocketPath, process.Environment["PSSTD_SOCKET"]);
            Assert.Equal("localhost:8080", process.Environment["PSSTD_HTTP"]);
            Assert.Equal("http://localhost:8080/", process.Environment["PSSTD_ADVERTISE_HTTP"]);
            Assert.Equal("4242", process.Environment["PSSTD_PARENT_PID"]);
            Assert.Equal("4s", process.Environment["PSSTD_NODE_TTL"]);
        }

        Assert.Equal("/b/psstd-agent.dll", node.Agent.Program);
        Assert.Equal("/b/psstd-dashboard.dll", node.Dashboard.Program);
        Assert.Equal("false", node.Agent.Environment["PSSTD_MDNS"]);
    }

    [Fact]
    public void SocketPaths_StayUnderTheOsLimit_EvenForTheLastNode()
    {
        var last = ClusterModel.Build(Spec(ClusterModel.MaxNodeCount))[^1];

        Assert.True(Encoding.UTF8.GetByteCount(last.SocketPath) < 100);
    }

    [Fact]
    public void PortListsOfTheWrongLength_AreRefused() =>
        Assert.Throws<ArgumentException>(() => ClusterModel.Build(Spec(3) with { HttpPorts = [1, 2] }));
}
