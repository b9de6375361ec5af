namespace Psstd.Gossip.Wire;

/// <summary>
/// What a record may claim about its version. A generation counts a node's starts and a sequence its
/// records within one start, so honest values stay small; a forged one far beyond them (2^62, 2^63-1) would
/// outrank every record its node will ever publish. So absurd values are refused when a record is read, and a
/// version far ahead of the one held for a node is not taken on the record's word: it is checked with the
/// node itself first (see docs/security.md).
/// </summary>
public static class VersionLimits
{
    /// <summary>The largest generation or sequence a record may carry (2^40: a start, or a record, per millisecond for 34 years).</summary>
    public const long MaxValue = 1L << 40;

    /// <summary>Generations a node may move on at once without being asked: restarts a peer can miss.</summary>
    public const long GenerationStep = 64;

    /// <summary>Sequences a node may move on past what its declared interval explains, for delay and loss.</summary>
    public const long SequenceSlack = 64;

    /// <summary>
    /// True when <paramref name="header"/>'s numbers are possible at all: within <see cref="MaxValue"/>, except
    /// the sequence of an operator's tombstone (<see cref="long.MaxValue"/>, which outranks its whole generation).
    /// </summary>
    public static bool IsPlausible(RecordHeader header) =>
        header.Generation is >= 0 and <= MaxValue
        && (header.Sequence is >= 0 and <= MaxValue || (header.Forgotten && header.Sequence == long.MaxValue));

    /// <summary>
    /// True when <paramref name="next"/> is an ordinary successor of <paramref name="held"/>, heard
    /// <paramref name="sinceHeld"/> ago: a few generations on, or within one generation no further than the
    /// held record's interval explains. Tombstones never are: a node is not buried on a record's word.
    /// </summary>
    public static bool IsOrdinaryStep(RecordHeader held, RecordHeader next, TimeSpan sinceHeld)
    {
        if (next.Forgotten)
        {
            return false;
        }

        if (next.Generation != held.Generation)
        {
            return next.Generation - held.Generation <= GenerationStep;
        }

        var interval = Math.Max(held.Interval.TotalSeconds, 0.1);
        return next.Sequence - held.Sequence <= SequenceSlack + (2 * Math.Max(0, sinceHeld.TotalSeconds) / interval);
    }
}
