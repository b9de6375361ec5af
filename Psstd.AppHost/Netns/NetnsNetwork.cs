using System.Globalization;
using Psstd.AppHost.Model;
using Psstd.ServiceDefaults.Lifetime;

namespace Psstd.AppHost.Netns;

/// <summary>
/// The namespaces, veth pairs and bridge of one <see cref="NetnsTopology"/>, made on the host.
/// Disposing removes every namespace and link whose name carries the run's id, whatever made it
/// (a split's second bridge too), so nothing is left however the run went.
/// </summary>
public sealed class NetnsNetwork : IDisposable
{
    private NetnsNetwork(NetnsTopology topology)
    {
        Topology = topology;
    }

    public NetnsTopology Topology { get; }

    /// <summary>Why this machine cannot run namespaces (one line), or null when it can.</summary>
    public static string? Unavailable() =>
        Refusal(OperatingSystem.IsLinux(), Environment.IsPrivilegedProcess, NetTools.Find("ip") is not null);

    /// <summary>The reason to refuse, first failed need first; null when all are met.</summary>
    public static string? Refusal(bool linux, bool root, bool ipFound) =>
        !linux ? "network namespaces need Linux"
        : !root ? "network namespaces need root (run with sudo)"
        : !ipFound ? "`ip` is missing: install iproute2"
        : null;

    /// <summary>A 10.213.X.0/24 the host uses for no address or route.</summary>
    /// <exception cref="NetnsException">All 256 overlap something on this host.</exception>
    public static int FreeSubnet() =>
        NetnsModel.FreeSubnet(NetTools.Ip("-o", "-4", "addr", "show") + NetTools.Ip("-4", "route", "show", "table", "all"))
        ?? throw new NetnsException("every 10.213.X.0/24 overlaps an address or route on this host");

    /// <summary>Builds the topology: bridge with the host's address, then per node a namespace, veth pair, address and routes.</summary>
    public static NetnsNetwork Create(NetnsTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        RemoveOwnedBy(topology.RunId);
        var network = new NetnsNetwork(topology);
        try
        {
            var prefix = "/" + topology.PrefixLength.ToString(CultureInfo.InvariantCulture);
            NetTools.Ip(BridgeCommand(topology.Bridge));
            NetTools.Ip("addr", "add", topology.HostAddress + prefix, "dev", topology.Bridge);
            NetTools.Ip("link", "set", topology.Bridge, "up");
            foreach (var node in topology.Nodes)
            {
                NetTools.Ip("netns", "add", node.Namespace);
                NetTools.Ip("link", "add", node.HostLink, "type", "veth", "peer", "name", NetnsTopology.InnerLink, "netns", node.Namespace);
                NetTools.Ip("link", "set", node.HostLink, "master", topology.Bridge, "up");
                NetTools.Ip("-n", node.Namespace, "link", "set", "lo", "up");
                NetTools.Ip("-n", node.Namespace, "addr", "add", node.Address + prefix, "dev", NetnsTopology.InnerLink);
                NetTools.Ip("-n", node.Namespace, "link", "set", NetnsTopology.InnerLink, "up");

                // mDNS and any other multicast leave through the node's one link.
                NetTools.Ip("-n", node.Namespace, "route", "add", "224.0.0.0/4", "dev", NetnsTopology.InnerLink);
            }
        }
        catch
        {
            network.Dispose();
            throw;
        }

        return network;
    }

    /// <summary>
    /// <c>ip</c> arguments that add a bridge which floods every multicast group (no snooping), as a
    /// plain LAN switch does, so mDNS over IPv4 and IPv6 reaches every node without a querier.
    /// </summary>
    public static string[] BridgeCommand(string name) => ["link", "add", name, "type", "bridge", "mcast_snooping", "0"];

    /// <summary>Every namespace and link on this host whose name says <paramref name="runId"/> made it.</summary>
    public static IReadOnlyList<string> ObjectsOwnedBy(int runId) =>
        [.. Namespaces().Concat(Links()).Where(name => NetnsModel.OwnerOf(name) == runId)];

    /// <summary>Removes the objects of earlier runs whose AppHost is gone (a crash or SIGKILL cannot clean up); returns their names.</summary>
    public static IReadOnlyList<string> RemoveAbandoned()
    {
        var owners = Namespaces().Concat(Links())
            .Select(NetnsModel.OwnerOf)
            .OfType<int>()
            .Distinct()
            .Where(pid => pid != Environment.ProcessId && !ProcessProbe.IsRunning(pid))
            .ToList();
        return [.. owners.SelectMany(RemoveOwnedBy)];
    }

    /// <summary>Removes every namespace and link of one run: links first (a veth's peer goes with it), then namespaces.</summary>
    public static IReadOnlyList<string> RemoveOwnedBy(int runId)
    {
        var links = Links().Where(name => NetnsModel.OwnerOf(name) == runId).ToList();
        var namespaces = Namespaces().Where(name => NetnsModel.OwnerOf(name) == runId).ToList();
        foreach (var link in links)
        {
            NetTools.TryIp("link", "del", link);
        }

        foreach (var name in namespaces)
        {
            NetTools.TryIp("netns", "del", name);
        }

        return [.. links, .. namespaces];
    }

    /// <summary>Names from <c>ip netns list</c> ("name" or "name (id: 3)" per line).</summary>
    public static IReadOnlyList<string> ParseNamespaceList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(' ')[0])];
    }

    /// <summary>Names from <c>ip -o link show</c> ("7: name@peer: &lt;FLAGS&gt; ..." per line).</summary>
    public static IReadOnlyList<string> ParseLinkList(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var names = new List<string>();
        foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var fields = line.Split(':', 3);
            if (fields.Length == 3)
            {
                names.Add(fields[1].Trim().Split('@')[0]);
            }
        }

        return names;
    }

    public void Dispose() => RemoveOwnedBy(Topology.RunId);

    private static IReadOnlyList<string> Namespaces() => ParseNamespaceList(NetTools.Ip("netns", "list"));

    private static IReadOnlyList<string> Links() => ParseLinkList(NetTools.Ip("-o", "link", "show"));
}
