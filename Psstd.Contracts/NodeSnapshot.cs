namespace Psstd.Contracts;

/// <summary>One node as the local agent knows it right now.</summary>
/// <param name="AgeSeconds">
/// Time since this agent first saw the node's current (generation, sequence), on this agent's
/// monotonic clock: clock skew between machines never changes it.
/// </param>
/// <param name="DashboardUrl">Browser-reachable URL of the node's dashboard; empty when it has none.</param>
public sealed record NodeSnapshot(
    Guid Id,
    string Name,
    long Generation,
    long Sequence,
    NodeHealth Health,
    double AgeSeconds,
    double TtlSeconds,
    string AgentVersion,
    string DashboardUrl,
    string GossipAddress,
    bool IsSelf,
    NodeMetrics Metrics);
