using System.Text.Json.Serialization;

namespace Psstd.Contracts;

/// <summary>
/// How a receiver judges a node, on its own monotonic clock (DESIGN.md section 4).
/// </summary>
/// <remarks>
/// The foundation judges only fresh, stale and offline; suspect, left and forgotten arrive with the
/// gossip protocol and are added here when something produces them.
/// </remarks>
public enum NodeHealth
{
    /// <summary>A new sequence was seen within TTL/2.</summary>
    [JsonStringEnumMemberName("fresh")]
    Fresh,

    /// <summary>No new sequence for more than TTL/2.</summary>
    [JsonStringEnumMemberName("stale")]
    Stale,

    /// <summary>No new sequence for more than TTL.</summary>
    [JsonStringEnumMemberName("offline")]
    Offline,
}
