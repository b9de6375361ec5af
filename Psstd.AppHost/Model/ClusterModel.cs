using System.Globalization;

namespace Psstd.AppHost.Model;

/// <summary>
/// The local cluster as data: names, ports, paths and environment of every process. A pure function,
/// so the tests launch exactly the topology <c>dotnet run --project Psstd.AppHost</c> does.
/// </summary>
public static class ClusterModel
{
    public const int DefaultNodeCount = 3;
    public const int MaxNodeCount = 64;

    public static IReadOnlyList<NodeSpec> Build(ClusterSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentOutOfRangeException.ThrowIfLessThan(spec.NodeCount, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(spec.NodeCount, MaxNodeCount);
        if (spec.HttpPorts.Count != spec.NodeCount || spec.GossipPorts.Count != spec.NodeCount)
        {
            throw new ArgumentException("one HTTP and one gossip port per node are required", nameof(spec));
        }

        var network = spec.Netns is { } netns ? NetnsModel.Build(netns, spec.NodeCount) : null;
        var nodes = new List<NodeSpec>(spec.NodeCount);
        for (var i = 0; i < spec.NodeCount; i++)
        {
            nodes.Add(network is null ? Node(spec, i) : NamespacedNode(spec, network, i));
        }

        return nodes;
    }

    public static string NodeName(int index) => $"node-{(index + 1).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// A pair alone in its namespace, as on its own host: listening on its own address, no seeds
    /// unless asked (discovery joins them), mDNS left to the agent's default.
    /// </summary>
    private static NodeSpec NamespacedNode(ClusterSpec spec, NetnsTopology network, int index)
    {
        var place = network.Nodes[index];
        var host = place.Address.ToString();
        var httpPort = spec.HttpPorts[index].ToString(CultureInfo.InvariantCulture);
        var gossipPort = spec.GossipPorts[index].ToString(CultureInfo.InvariantCulture);
        var node = Node(spec, index);
        var dashboardUrl = new Uri($"http://{host}:{httpPort}/");
        var seeds = spec.Netns!.Seeds
            ? string.Join(',', network.Nodes.Select((n, i) => (n.Address, Port: spec.GossipPorts[i])).Where((_, i) => i != index).Select(p => $"{p.Address}:{p.Port.ToString(CultureInfo.InvariantCulture)}"))
            : "";

        var common = new Dictionary<string, string>(node.Dashboard.Environment, StringComparer.Ordinal)
        {
            ["PSSTD_HTTP"] = $"{host}:{httpPort}",
            ["PSSTD_ADVERTISE_HTTP"] = dashboardUrl.ToString(),
        };
        var agentEnvironment = new Dictionary<string, string>(node.Agent.Environment, StringComparer.Ordinal)
        {
            ["PSSTD_HTTP"] = common["PSSTD_HTTP"],
            ["PSSTD_ADVERTISE_HTTP"] = common["PSSTD_ADVERTISE_HTTP"],
            ["PSSTD_GOSSIP"] = $"{host}:{gossipPort}",
            ["PSSTD_SEEDS"] = seeds,
        };
        if (spec.ExtraEnvironment.TryGetValue("PSSTD_MDNS", out var mdns))
        {
            agentEnvironment["PSSTD_MDNS"] = mdns;
        }
        else
        {
            agentEnvironment.Remove("PSSTD_MDNS");
        }

        return node with
        {
            DashboardUrl = dashboardUrl,
            Agent = node.Agent with { Environment = agentEnvironment, Namespace = place.Namespace },
            Dashboard = node.Dashboard with { Environment = common, Namespace = place.Namespace },
            Network = place,
        };
    }

    private static NodeSpec Node(ClusterSpec spec, int index)
    {
        var name = NodeName(index);
        var directory = Path.Combine(spec.RootDirectory, name);
        var socket = Path.Combine(directory, "agent.sock");
        var state = Path.Combine(directory, "state");
        var httpPort = spec.HttpPorts[index];
        var gossipPort = spec.GossipPorts[index];
        var dashboardUrl = new Uri($"http://localhost:{httpPort.ToString(CultureInfo.InvariantCulture)}/");
        var seeds = string.Join(',', spec.GossipPorts.Where((_, i) => i != index).Select(p => $"127.0.0.1:{p.ToString(CultureInfo.InvariantCulture)}"));

        var common = new Dictionary<string, string>(spec.ExtraEnvironment, StringComparer.Ordinal)
        {
            ["PSSTD_NODE_NAME"] = name,
            ["PSSTD_SOCKET"] = socket,
            ["PSSTD_HTTP"] = $"localhost:{httpPort.ToString(CultureInfo.InvariantCulture)}",
            ["PSSTD_ADVERTISE_HTTP"] = dashboardUrl.ToString(),
        };
        if (spec.ParentPid is { } parent)
        {
            common["PSSTD_PARENT_PID"] = parent.ToString(CultureInfo.InvariantCulture);
        }

        var agentEnvironment = new Dictionary<string, string>(common, StringComparer.Ordinal)
        {
            ["PSSTD_DB"] = state,
            ["PSSTD_GOSSIP"] = $"127.0.0.1:{gossipPort.ToString(CultureInfo.InvariantCulture)}",
            ["PSSTD_SEEDS"] = seeds,
            ["PSSTD_MDNS"] = "false", // every node is on this one host: seeds say it all
        };

        return new NodeSpec(
            name,
            state,
            socket,
            gossipPort,
            httpPort,
            dashboardUrl,
            new ProcessSpec($"{name}/agent", ProcessRole.Agent, spec.Binaries.Agent, agentEnvironment),
            new ProcessSpec($"{name}/dashboard", ProcessRole.Dashboard, spec.Binaries.Dashboard, common));
    }
}
