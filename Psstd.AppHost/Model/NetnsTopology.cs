using System.Net;

namespace Psstd.AppHost.Model;

/// <summary>One node's place in the simulated network.</summary>
/// <param name="Namespace">The network namespace the node's agent and dashboard run in.</param>
/// <param name="HostLink">The host end of the node's veth pair, on the bridge; cutting it cuts the node.</param>
/// <param name="Address">The node's address, on <see cref="NetnsTopology.InnerLink"/> inside its namespace.</param>
public sealed record NetnsNode(string NodeName, string Namespace, string HostLink, IPAddress Address);

/// <summary>The namespaces, links and addresses of one <c>--netns</c> run (see <see cref="NetnsModel"/>).</summary>
/// <param name="Bridge">Joins every node's veth on the host side; it holds <see cref="HostAddress"/>.</param>
/// <param name="SplitBridge">The second bridge a split moves half the nodes to; exists only during a split.</param>
/// <param name="HostAddress">The bridge's address, through which the host reaches the dashboards.</param>
public sealed record NetnsTopology(
    int RunId,
    string Bridge,
    string SplitBridge,
    IPAddress HostAddress,
    int PrefixLength,
    IReadOnlyList<NetnsNode> Nodes)
{
    /// <summary>The name of each node's end of its veth pair, inside its namespace.</summary>
    public const string InnerLink = "eth0";

    public NetnsNode Node(string nodeName) =>
        Nodes.FirstOrDefault(n => n.NodeName == nodeName)
        ?? throw new ArgumentException($"no node \"{nodeName}\" (known: {string.Join(", ", Nodes.Select(n => n.NodeName))})", nameof(nodeName));

    /// <summary>The nodes a split moves to <see cref="SplitBridge"/>: the second half (the smaller one for an odd count).</summary>
    public IReadOnlyList<NetnsNode> SplitOff => [.. Nodes.Skip((Nodes.Count + 1) / 2)];
}
