namespace Psstd.Contracts;

/// <summary>One node as the local agent knows it right now.</summary>
/// <param name="AgeSeconds">
/// Time since this agent first saw the node's current (generation, sequence), on this agent's
/// monotonic clock: clock skew between machines never changes it.
/// </param>
/// <param name="DashboardUrl">Browser-reachable URL of the node's dashboard; empty when it has none.</param>
/// <param name="IntervalSeconds">
/// The interval the node's current record declares: its sampling interval, stretched as many times as the
/// node paces its publishing in a large cluster. 0 from an agent too old to send it.
/// </param>
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
    NodeMetrics Metrics,
    double IntervalSeconds = 0)
{
    /// <summary>The node's tags (<c>PSSTD_TAGS</c>, such as rack=a), ordered by key; empty when it has none or runs an older agent.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = NoTags;

    /// <summary>
    /// A short fingerprint of the alert rules and webhook the node's agent runs (hex); empty when it runs none or is
    /// older. Agents that differ here judge alerts differently: views point it out.
    /// </summary>
    public string AlertsFingerprint { get; init; } = "";

    /// <summary>
    /// Hashes of alert notifications the node's webhook accepted lately: agents skip a notice a peer delivered.
    /// Internal to agents, so not part of the API's JSON.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<uint> DeliveredNotices { get; init; } = [];

    private static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();
}
