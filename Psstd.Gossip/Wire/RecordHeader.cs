namespace Psstd.Gossip.Wire;

/// <summary>
/// The front of a record: all a receiver needs to decide whether it is new, how long it stays current
/// and where its node gossips, read without decoding (or allocating) the rest.
/// </summary>
/// <param name="Left">The node announced a graceful shutdown; this is its last record of the generation.</param>
public readonly record struct RecordHeader(Guid Id, long Generation, long Sequence, TimeSpan Interval, TimeSpan Ttl, bool Left)
{
    /// <summary>
    /// A tombstone: the node was forgotten (see <see cref="Psstd.Gossip.Cluster.Tombstone"/>). Never set together with
    /// <see cref="Left"/>; the codec refuses the pair.
    /// </summary>
    public bool Forgotten { get; init; }

    /// <summary>
    /// True when this identifies a version newer than <paramref name="other"/>'s (same node assumed):
    /// a greater (generation, sequence), and at an equal pair a tombstone over the record it buries.
    /// A total order, so merging by it is commutative, associative and idempotent.
    /// </summary>
    public bool IsNewerThan(RecordHeader other) =>
        Generation != other.Generation ? Generation > other.Generation
        : Sequence != other.Sequence ? Sequence > other.Sequence
        : Forgotten && !other.Forgotten;
}
