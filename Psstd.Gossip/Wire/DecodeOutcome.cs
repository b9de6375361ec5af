namespace Psstd.Gossip.Wire;

/// <summary>Why a packet was accepted or dropped; each drop reason has its own counter.</summary>
public enum DecodeOutcome
{
    Accepted,

    /// <summary>Too short for a header, or not starting with the psstd magic.</summary>
    NotPsstd,

    /// <summary>A wire version this agent does not speak; checked before anything else is read.</summary>
    UnsupportedVersion,

    /// <summary>Well formed, but for another <c>PSSTD_CLUSTER</c>.</summary>
    OtherCluster,

    /// <summary>This cluster seals its packets (<c>PSSTD_KEY</c>) and this one came unsealed.</summary>
    NotSealed,

    /// <summary>Sealed, and no key of this agent opens it (or this agent has no key).</summary>
    CannotOpen,

    /// <summary>Truncated, over-long or out-of-range content.</summary>
    Malformed,

    /// <summary>Sealed, and opened, but its sender's counter was seen already: a replay (or far too late to tell apart).</summary>
    Replayed,
}
