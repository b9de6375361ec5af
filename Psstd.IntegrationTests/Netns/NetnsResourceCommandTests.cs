using Psstd.AppHost.Model;
using Psstd.AppHost.Netns;
using Psstd.AppHost.Resources;
using Psstd.Tests.Integration;
using Psstd.Tests.Support.Netns;

namespace Psstd.Tests.Netns;

/// <summary>The fault commands as Aspire resource commands, on the real AppHost run by Aspire.Hosting.Testing.</summary>
[Collection(RealProcesses.Name)]
[Trait("Category", "Netns")]
public sealed class NetnsResourceCommandTests
{
    [NetnsFact]
    public async Task SplitCutAndHeal_AreResourceCommands_AndStoppingRemovesTheNetwork()
    {
        var builder = await AspireCluster.CreateBuilderAsync("--netns", "--netns-seeds", "--nodes", "2", "--PSSTD_NODE_TTL=4s");
        NetnsTopology topology;
        await using (var cluster = await AspireCluster.StartAsync(builder))
        {
            await cluster.ReadyAsync();
            topology = NetnsModel.Build(cluster.Plan.Spec.Netns!, 2);

            var split = await cluster.CommandAsync(NetnsResourceExtensions.NetworkResourceName, "netns-split");
            Assert.True(split.Success, split.Message);
            Assert.Contains(topology.SplitBridge, NetnsNetwork.ObjectsOwnedBy(topology.RunId));

            var cut = await cluster.CommandAsync(PsstdResourceNames.Agent("node-1"), "netns-cut");
            Assert.True(cut.Success, cut.Message);
            Assert.Contains("state DOWN", NetTools.Ip("-o", "link", "show", topology.Node("node-1").HostLink), StringComparison.Ordinal);

            var heal = await cluster.CommandAsync(NetnsResourceExtensions.NetworkResourceName, "netns-heal");
            Assert.True(heal.Success, heal.Message);
            Assert.DoesNotContain(topology.SplitBridge, NetnsNetwork.ObjectsOwnedBy(topology.RunId));
            Assert.DoesNotContain("state DOWN", NetTools.Ip("-o", "link", "show", topology.Node("node-1").HostLink), StringComparison.Ordinal);
        }

        Assert.Empty(NetnsNetwork.ObjectsOwnedBy(topology.RunId));
    }
}
