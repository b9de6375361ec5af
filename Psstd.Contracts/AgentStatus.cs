namespace Psstd.Contracts;

/// <summary>The local-API path of <see cref="AgentStatus"/> (kept apart from <see cref="LocalApiRoutes"/> so the seam stays as agreed).</summary>
public static class AgentStatusRoutes
{
    public const string Status = "/v1/status";
}

/// <summary>
/// What an agent is and how it is set up: the body of <see cref="AgentStatusRoutes.Status"/>, read by the
/// <c>status</c> and <c>doctor</c> commands. Never carries key material, only how many keys there are.
/// </summary>
/// <param name="StartedAt">This agent's wall clock at start, for display.</param>
/// <param name="Now">This agent's wall clock when it answered, so a reader can show both clocks.</param>
/// <param name="Gossip">The gossip listen address (<c>PSSTD_GOSSIP</c>).</param>
/// <param name="AdvertiseGossip">The address peers dial (<c>PSSTD_ADVERTISE_GOSSIP</c>).</param>
/// <param name="Seeds">The seeds as configured (<c>PSSTD_SEEDS</c>), unresolved.</param>
/// <param name="KeyCount">How many gossip keys are configured; 0: packets are not sealed.</param>
/// <param name="Packets">Gossip traffic counters since start.</param>
/// <param name="Build">How the agent was compiled: <c>NativeAOT</c> or <c>JIT</c>; empty from an agent that does not say.</param>
public sealed record AgentStatus(
    Guid NodeId,
    string NodeName,
    long Generation,
    string Cluster,
    string AgentVersion,
    int ProcessId,
    DateTimeOffset StartedAt,
    DateTimeOffset Now,
    string Gossip,
    string AdvertiseGossip,
    IReadOnlyList<string> Seeds,
    string SocketPath,
    string StateDirectory,
    int KeyCount,
    double TtlSeconds,
    double IntervalSeconds,
    GossipTraffic Packets,
    string Build = "");

/// <summary>Gossip traffic since start; <see cref="Dropped"/> maps each drop reason (such as <c>OtherCluster</c>) to its count, zeros left out.</summary>
/// <param name="RepliesRefused">Requests accepted but not answered because the answer would have gone to
/// an address that has not proved it receives there (a forged source in a cluster without <c>PSSTD_KEY</c>); 0 from an
/// agent that does not count them.</param>
/// <param name="PreviousWireVersion">Packets accepted in the previous wire version: peers still to upgrade; 0 from an agent that does not count them.</param>
public sealed record GossipTraffic(
    long PacketsOut,
    long PacketsAccepted,
    long SendFailures,
    long RecordsNew,
    IReadOnlyDictionary<string, long> Dropped,
    long RepliesRefused = 0,
    long PreviousWireVersion = 0);
