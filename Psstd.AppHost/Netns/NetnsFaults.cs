using System.Globalization;
using Psstd.AppHost.Model;

namespace Psstd.AppHost.Netns;

/// <summary>
/// Network faults on a <see cref="NetnsTopology"/>, from the AppHost's control lines or from a test.
/// Everything works on the names alone, so a test can fault a running AppHost's network by its pid.
/// </summary>
public static class NetnsFaults
{
    /// <summary>Takes the host end of the node's veth down: the node loses carrier and hears nothing.</summary>
    public static void Cut(NetnsTopology topology, string nodeName)
    {
        ArgumentNullException.ThrowIfNull(topology);
        NetTools.Ip("link", "set", topology.Node(nodeName).HostLink, "down");
    }

    /// <summary>
    /// Splits the cluster in two: <see cref="NetnsTopology.SplitOff"/> moves to a second bridge, so
    /// each half reaches only itself (and the host only the first half). Returns the nodes moved.
    /// </summary>
    public static IReadOnlyList<string> Split(NetnsTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        if (!NetnsNetwork.ObjectsOwnedBy(topology.RunId).Contains(topology.SplitBridge))
        {
            NetTools.Ip(NetnsNetwork.BridgeCommand(topology.SplitBridge));
            NetTools.Ip("link", "set", topology.SplitBridge, "up");
        }

        foreach (var node in topology.SplitOff)
        {
            NetTools.Ip("link", "set", node.HostLink, "master", topology.SplitBridge);
        }

        return [.. topology.SplitOff.Select(n => n.NodeName)];
    }

    /// <summary>Drops <paramref name="percent"/> % of the packets each way on the node's link (tc netem).</summary>
    /// <exception cref="NetnsException">netem is not available (the message says so), or tc failed.</exception>
    public static void Loss(NetnsTopology topology, string nodeName, double percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percent, 100);
        Netem(topology, nodeName, "loss", percent.ToString("0.###", CultureInfo.InvariantCulture) + "%");
    }

    /// <summary>Delays every packet each way on the node's link by <paramref name="delay"/> (tc netem): a round trip gains twice that.</summary>
    /// <exception cref="NetnsException">netem is not available (the message says so), or tc failed.</exception>
    public static void Delay(NetnsTopology topology, string nodeName, TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        Netem(topology, nodeName, "delay", ((long)delay.TotalMicroseconds).ToString(CultureInfo.InvariantCulture) + "us");
    }

    /// <summary>Undoes every fault: all links up and on the first bridge, no netem, no second bridge.</summary>
    public static void Heal(NetnsTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        foreach (var node in topology.Nodes)
        {
            NetTools.Ip("link", "set", node.HostLink, "master", topology.Bridge, "up");
            NetTools.TryTc("qdisc", "del", "dev", node.HostLink, "root");
            NetTools.TryIp("netns", "exec", node.Namespace, "tc", "qdisc", "del", "dev", NetnsTopology.InnerLink, "root");
        }

        NetTools.TryIp("link", "del", topology.SplitBridge);
    }

    private static void Netem(NetnsTopology topology, string nodeName, string kind, string value)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var node = topology.Node(nodeName);
        if (NetTools.Find("tc") is null)
        {
            throw new NetnsException("`tc` is missing: install iproute2 for loss and delay");
        }

        try
        {
            // One qdisc per direction: towards the node on the host end, away from it inside its namespace.
            NetTools.Tc("qdisc", "replace", "dev", node.HostLink, "root", "netem", kind, value);
            NetTools.Ip("netns", "exec", node.Namespace, "tc", "qdisc", "replace", "dev", NetnsTopology.InnerLink, "root", "netem", kind, value);
        }
        catch (NetnsException ex) when (ex.Message.Contains("qdisc kind is unknown", StringComparison.Ordinal))
        {
            throw new NetnsException("tc netem is not available on this kernel (module sch_netem): loss and delay cannot be simulated here", ex);
        }
    }
}
