namespace Psstd.AppHost.Model;

/// <summary>What a local cluster is made of; <see cref="ClusterModel.Build"/> turns it into processes.</summary>
/// <param name="RootDirectory">Holds every node's state dir and socket; removed when the cluster stops.</param>
/// <param name="HttpPorts">One dashboard port per node, in node order.</param>
/// <param name="GossipPorts">One gossip port per node, in node order.</param>
/// <param name="ParentPid">Children stop by themselves when this process is gone; null under Aspire, whose DCP stops them.</param>
/// <param name="ExtraEnvironment">Added to every agent and dashboard (tests shorten the TTL this way).</param>
/// <param name="Dashboards">False: agents only, for clusters larger than a small machine can pair up.</param>
/// <param name="Netns">
/// Null: every node on loopback, seeded with the others. Set: every pair in its own network namespace
/// (see <see cref="NetnsModel"/>); the port lists then name the same port for every node.
/// </param>
public sealed record ClusterSpec(
    int NodeCount,
    string RootDirectory,
    IReadOnlyList<int> HttpPorts,
    IReadOnlyList<int> GossipPorts,
    ChildBinaries Binaries,
    int? ParentPid,
    IReadOnlyDictionary<string, string> ExtraEnvironment,
    bool Dashboards = true,
    NetnsSpec? Netns = null);
