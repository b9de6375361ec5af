namespace Psstd.Contracts;

/// <summary>The whole cluster as one agent sees it: the body of <c>GET /v1/cluster</c>.</summary>
/// <param name="Nodes">Every known node, this one included, ordered by name.</param>
/// <param name="PublishStride">
/// How many of its configured intervals this agent now waits between two records of its own, because the
/// cluster is past the gossip budget; 1 (also from an agent too old to send it): every interval.
/// </param>
/// <param name="GossipUnauthenticated">
/// This agent gossips without <c>PSSTD_KEY</c> on an address other hosts can reach: anyone who can send it a
/// datagram can add or change nodes. Views say "gossip is not authenticated". False from an older agent.
/// </param>
public sealed record ClusterSnapshot(
    string Cluster,
    Guid SelfId,
    string SelfName,
    string AgentVersion,
    IReadOnlyList<NodeSnapshot> Nodes,
    int PublishStride = 1,
    bool GossipUnauthenticated = false)
{
    /// <summary>Alerts firing now under this agent's rules (<c>PSSTD_ALERTS</c>), most severe first; empty without rules or from an older agent.</summary>
    public IReadOnlyList<FiringAlert> Alerts { get; init; } = [];

    /// <summary>Silences running in the cluster (any node's), honoured ones first, then soonest to end; at most 256; empty from an older agent.</summary>
    public IReadOnlyList<AlertSilence> Silences { get; init; } = [];
}
