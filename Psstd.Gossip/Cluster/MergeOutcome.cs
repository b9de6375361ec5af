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
}
