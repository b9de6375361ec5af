using System.Text.Json.Serialization;

namespace Psstd.Contracts;

/// <summary>
/// How a receiver judges a node, on its own monotonic clock (see docs/failure-detection.md).
/// </summary>
/// <remarks>
/// Listed from best to worst news. Fresh, stale and offline follow from the age of the node's record;
/// suspect from the failure detector, left from the node's own leave message, forgotten from an operator
/// or the reaper.
/// </remarks>
public enum NodeHealth
{
    /// <summary>A new sequence was seen within TTL/2.</summary>
    [JsonStringEnumMemberName("fresh")]
    Fresh,

    /// <summary>No new sequence for more than TTL/2.</summary>
    [JsonStringEnumMemberName("stale")]
    Stale,

    /// <summary>The failure detector doubts the node before its TTL has run out.</summary>
    [JsonStringEnumMemberName("suspect")]
    Suspect,

    /// <summary>No new sequence for more than TTL, or failure confirmed.</summary>
    [JsonStringEnumMemberName("offline")]
    Offline,

    /// <summary>The node announced a graceful shutdown.</summary>
    [JsonStringEnumMemberName("left")]
    Left,

    /// <summary>Forgotten by an operator or reaped after a long time offline; a tombstone keeps it out until it restarts.</summary>
    [JsonStringEnumMemberName("forgotten")]
    Forgotten,
}
