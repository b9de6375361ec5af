namespace Psstd.Gossip.Cluster;

public enum MergeOutcome
{
    /// <summary>A node this agent did not know.</summary>
    Joined,

    /// <summary>A newer record of a known node.</summary>
    Updated,

    /// <summary>Same or older (generation, sequence) than the one held: nothing changed.</summary>
    Ignored,

    /// <summary>Newer by its header, but the record as a whole is malformed: nothing changed.</summary>
    Rejected,

    /// <summary>
    /// Newer, but no ordinary step from the version held (a big jump, or a tombstone): nothing changed yet;
    /// the version is taken only once the node itself confirms it, or does not answer (see docs/security.md).
    /// </summary>
    Unconfirmed,

    /// <summary>A node not held, and the state holds <see cref="ClusterState.MaxNodes"/> already: nothing changed.</summary>
    Refused,
}
