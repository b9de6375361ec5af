using Psstd.Contracts;

namespace Psstd.Gossip.Wire;

/// <summary>
/// What one node publishes about itself; replaced as a whole by a newer one.
/// Newer means a greater (<see cref="Generation"/>, <see cref="Sequence"/>), never a later wall clock.
/// </summary>
/// <param name="Generation">Incremented at every start of the node (persisted).</param>
/// <param name="Sequence">Monotonic within a generation.</param>
/// <param name="Ttl">How long receivers may treat the record as current; chosen by its origin.</param>
/// <param name="DashboardUrl">Empty when the node serves no dashboard.</param>
/// <param name="Left">The node announced a graceful shutdown: its last record of this generation.</param>
public sealed record NodeRecord(
    Guid Id,
    string Name,
    long Generation,
    long Sequence,
    string AgentVersion,
    TimeSpan Interval,
    TimeSpan Ttl,
    string DashboardUrl,
    string GossipAddress,
    NodeMetrics Metrics,
    bool Left = false)
{
    /// <summary>A tombstone, not a sample: the node was forgotten (see <see cref="Psstd.Gossip.Cluster.Tombstone"/>).</summary>
    public bool Forgotten { get; init; }

    /// <summary>The node's tags (<c>PSSTD_TAGS</c>), ordered by key; see <see cref="NodeTagRules"/>.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = NoTags;

    /// <summary>Eight bytes in hex naming the alert rules and webhook the node runs; empty when it runs none.</summary>
    public string AlertsFingerprint { get; init; } = "";

    /// <summary>Silences set through this node's agent that still run, each with the time it has left when the record was made.</summary>
    public IReadOnlyList<SilenceClaim> Silences { get; init; } = [];

    /// <summary>Delivered-notice hashes one record carries at most.</summary>
    public const int MaxDeliveredNotices = 16;

    /// <summary>Hashes of alert notifications this node's webhook accepted lately (key and state), newest last; at most <see cref="MaxDeliveredNotices"/>.</summary>
    public IReadOnlyList<uint> DeliveredNotices { get; init; } = [];

    internal static readonly IReadOnlyDictionary<string, string> NoTags = new Dictionary<string, string>();
}
