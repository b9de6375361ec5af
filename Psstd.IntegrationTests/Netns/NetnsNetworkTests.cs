using Psstd.AppHost.Model;
using Psstd.AppHost.Netns;
using Psstd.Tests.Integration;
using Psstd.Tests.Support.Netns;
using Xunit.Abstractions;

namespace Psstd.Tests.Netns;

/// <summary>The namespaces, links and faults on the real kernel; every test removes what it made, also when it fails.</summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Netns")]
public sealed class NetnsNetworkTests(ITestOutputHelper output)
{
    private static readonly int RunId = Environment.ProcessId;

    [NetnsFact]
    public async Task ThreeNodes_ReachEachOtherAndTheHost_CutAndSplitSeparateThem_HealJoinsThem_AndNothingIsLeft()
    {
        var topology = NetnsModel.Build(new NetnsSpec(RunId, NetnsNetwork.FreeSubnet()), 3);
        var (one, two, three) = (topology.Nodes[0], topology.Nodes[1], topology.Nodes[2]);
        using (var network = NetnsNetwork.Create(topology))
        {
            Assert.Equal(7, NetnsNetwork.ObjectsOwnedBy(RunId).Count); // bridge, three veths, three namespaces
            AssertEachNodeHasItsAddressLoopbackAndMulticastRoute(topology);
            await UdpEcho.EventuallyAsync(one, two, "node-1 -> node-2");
            await UdpEcho.EventuallyAsync(three, one, "node-3 -> node-1");
            await UdpEcho.EventuallyAsync(null, three, "host -> node-3");
            await UdpEcho.MulticastEventuallyAsync(one, three, "node-1 -> 224.0.0.251 -> node-3");

            NetnsFaults.Cut(topology, "node-2");
            Assert.False(await UdpEcho.RoundTripAsync(one, two), "node-1 -> cut node-2");
            Assert.False(await UdpEcho.RoundTripAsync(null, two), "host -> cut node-2");
            await UdpEcho.EventuallyAsync(one, three, "node-1 -> node-3 while node-2 is cut");

            NetnsFaults.Heal(topology);
            await UdpEcho.EventuallyAsync(one, two, "node-1 -> node-2 after heal");

            Assert.Equal(["node-3"], NetnsFaults.Split(topology));
            await UdpEcho.EventuallyAsync(two, one, "node-2 -> node-1, same half");
            Assert.False(await UdpEcho.RoundTripAsync(one, three), "node-1 -> node-3 across the split");
            Assert.False(await UdpEcho.RoundTripAsync(three, two), "node-3 -> node-2 across the split");
            Assert.False(await UdpEcho.MulticastArrivesAsync(one, three), "node-1 -> 224.0.0.251 -> node-3 across the split");
            await UdpEcho.MulticastEventuallyAsync(one, two, "node-1 -> 224.0.0.251 -> node-2, same half");
            Assert.Contains(topology.SplitBridge, NetnsNetwork.ObjectsOwnedBy(RunId));

            NetnsFaults.Heal(topology);
            await UdpEcho.EventuallyAsync(one, three, "node-1 -> node-3 after heal");
            await UdpEcho.EventuallyAsync(three, two, "node-3 -> node-2 after heal");
            Assert.DoesNotContain(topology.SplitBridge, NetnsNetwork.ObjectsOwnedBy(RunId));
            Assert.Same(topology, network.Topology);
        }

        Assert.Empty(NetnsNetwork.ObjectsOwnedBy(RunId));
    }

    [NetnsFact]
    public void ATestFailingMidway_StillLeavesNothingBehind()
    {
        var topology = NetnsModel.Build(new NetnsSpec(RunId, NetnsNetwork.FreeSubnet()), 2);

        var failure = Assert.Throws<InvalidOperationException>(FailMidway);

        Assert.Equal("the test failed here", failure.Message);
        Assert.Empty(NetnsNetwork.ObjectsOwnedBy(RunId));

        void FailMidway()
        {
            using var network = NetnsNetwork.Create(topology);
            NetnsFaults.Split(topology); // a second bridge the network never listed
            Assert.NotEmpty(NetnsNetwork.ObjectsOwnedBy(RunId));
            throw new InvalidOperationException("the test failed here");
        }
    }

    [NetnsFact]
    public void LossAndDelay_AreNetemQdiscsEachWay_OrARefusalThatSaysNetemIsMissing()
    {
        var topology = NetnsModel.Build(new NetnsSpec(RunId, NetnsNetwork.FreeSubnet()), 2);
        using var network = NetnsNetwork.Create(topology);
        var node = topology.Nodes[0];

        try
        {
            NetnsFaults.Loss(topology, node.NodeName, 20);
        }
        catch (NetnsException ex)
        {
            output.WriteLine($"netem is not available on this machine; checked the refusal only: {ex.Message}");
            Assert.Contains("tc netem is not available", ex.Message, StringComparison.Ordinal);
            Assert.Equal("netns: delay node-1 100ms failed: " + ex.Message, NetnsControl.Execute("delay node-1 100ms", topology).Text);
            return;
        }

        Assert.Contains("loss 20%", NetTools.Tc("qdisc", "show", "dev", node.HostLink), StringComparison.Ordinal);
        Assert.Contains("loss 20%", NetTools.Ip("netns", "exec", node.Namespace, "tc", "qdisc", "show", "dev", NetnsTopology.InnerLink), StringComparison.Ordinal);
        NetnsFaults.Delay(topology, node.NodeName, TimeSpan.FromMilliseconds(100));
        Assert.Contains("delay 100ms", NetTools.Tc("qdisc", "show", "dev", node.HostLink), StringComparison.Ordinal);

        NetnsFaults.Heal(topology);
        Assert.DoesNotContain("netem", NetTools.Tc("qdisc", "show", "dev", node.HostLink), StringComparison.Ordinal);
    }

    private static void AssertEachNodeHasItsAddressLoopbackAndMulticastRoute(NetnsTopology topology)
    {
        Assert.Contains("mcast_snooping 0", NetTools.Ip("-d", "link", "show", topology.Bridge), StringComparison.Ordinal);
        var hostAddresses = NetTools.Ip("-o", "-4", "addr", "show");
        Assert.Contains($" {topology.HostAddress}/24 ", hostAddresses, StringComparison.Ordinal);
        foreach (var node in topology.Nodes)
        {
            Assert.DoesNotContain($" {node.Address}/", hostAddresses, StringComparison.Ordinal); // only inside its namespace
            Assert.Contains($" {node.Address}/24 ", NetTools.Ip("-n", node.Namespace, "-o", "-4", "addr", "show", "dev", NetnsTopology.InnerLink), StringComparison.Ordinal);
            Assert.Contains("UP", NetTools.Ip("-n", node.Namespace, "-o", "link", "show", "lo"), StringComparison.Ordinal);
            Assert.Contains("224.0.0.0/4 dev eth0", NetTools.Ip("-n", node.Namespace, "route", "show"), StringComparison.Ordinal);
        }
    }
}
