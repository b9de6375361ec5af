namespace Psstd.Agent.Gossip.Wire;

/// <summary>
/// The front of a record: all a receiver needs to decide whether it is new, how long it stays current
/// and where its node gossips, read without decoding (or allocating) the rest.
/// </summary>
public readonly record struct RecordHeader(Guid Id, long Generation, long Sequence, TimeSpan Interval, TimeSpan Ttl)
{
    /// <summary>True when this identifies a version newer than <paramref name="other"/>'s (same node assumed).</summary>
    public bool IsNewerThan(RecordHeader other) =>
        Generation != other.Generation ? Generation > other.Generation : Sequence > other.Sequence;
}
