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

        var nodes = new List<NodeSpec>(spec.NodeCount);
        for (var i = 0; i < spec.NodeCount; i++)
        {
            nodes.Add(Node(spec, i));
        }

        return nodes;
    }

    public static string NodeName(int index) => $"node-{(index + 1).ToString(CultureInfo.InvariantCulture)}";

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
            ["PSSTD_PARENT_PID"] = spec.ParentPid.ToString(CultureInfo.InvariantCulture),
        };
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
            new ProcessSpec($"{name}/agent", ProcessRole.Agent, spec.Binaries.AgentDll, agentEnvironment),
            new ProcessSpec($"{name}/dashboard", ProcessRole.Dashboard, spec.Binaries.DashboardDll, common));
    }
}
