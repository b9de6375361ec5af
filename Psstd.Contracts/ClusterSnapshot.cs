namespace Psstd.Contracts;

/// <summary>The whole cluster as one agent sees it: the body of <c>GET /v1/cluster</c>.</summary>
/// <param name="Nodes">Every known node, this one included, ordered by name.</param>
public sealed record ClusterSnapshot(
    string Cluster,
    Guid SelfId,
    string SelfName,
    string AgentVersion,
    IReadOnlyList<NodeSnapshot> Nodes);
