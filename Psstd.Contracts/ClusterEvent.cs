using System.Text.Json.Serialization;

namespace Psstd.Contracts;

/// <summary>Recent cluster events, newest first: the body of <see cref="LocalApiRoutes.Events"/>.</summary>
public sealed record ClusterEventList(IReadOnlyList<ClusterEvent> Events);

/// <summary>
/// Something that happened to a node as this agent saw it. <see cref="At"/> is this agent's wall clock,
/// for display only.
/// </summary>
/// <param name="Detail">Human text, such as "0.1.0 -> 0.2.0" for a version change; may be empty.</param>
public sealed record ClusterEvent(DateTimeOffset At, Guid NodeId, string NodeName, ClusterEventKind Kind, string Detail);

public enum ClusterEventKind
{
    [JsonStringEnumMemberName("join")]
    Join,

    [JsonStringEnumMemberName("stale")]
    Stale,

    [JsonStringEnumMemberName("suspect")]
    Suspect,

    [JsonStringEnumMemberName("offline")]
    Offline,

    [JsonStringEnumMemberName("left")]
    Left,

    /// <summary>Back to fresh after stale, suspect, offline or left (a restart included).</summary>
    [JsonStringEnumMemberName("recovered")]
    Recovered,

    [JsonStringEnumMemberName("forgotten")]
    Forgotten,

    [JsonStringEnumMemberName("version")]
    VersionChange,

    /// <summary>An alert rule began firing for the node; the detail names the rule and the value.</summary>
    [JsonStringEnumMemberName("alert-firing")]
    AlertFiring,

    /// <summary>An alert about the node resolved; the detail names the rule and why.</summary>
    [JsonStringEnumMemberName("alert-resolved")]
    AlertResolved,
}
