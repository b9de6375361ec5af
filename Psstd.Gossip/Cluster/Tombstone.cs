using Psstd.Contracts;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Cluster;

/// <summary>
/// How a forgotten node is kept out (docs/failure-detection.md): a tombstone is a record of the node, flagged
/// forgotten, that outranks the versions it buries in the one order every merge uses
/// (<see cref="RecordHeader.IsNewerThan"/>: generation, then sequence, then tombstone over record).
/// </summary>
/// <remarks>
/// <para>Why a record and not a list of forgotten ids beside the records: merge stays one pure maximum
/// over versions, so it stays commutative, associative and idempotent, and everything that moves records
/// (relay of what is new to the receiver, digests of id -> (generation, sequence), the store) moves
/// tombstones with no code of its own. A new generation is greater whatever the sequence, so a restart
/// always brings the node back; wall clocks decide nothing.</para>
/// <para>Two strengths:
/// <see cref="Forever"/> (an operator's forget) takes the greatest sequence there is, so every record of
/// that generation is older: the node stays forgotten while it keeps running and while copies of its
/// records still circulate, until it restarts.
/// <see cref="Reaped"/> (offline past <c>PSSTD_REAP</c>) takes the sequence this agent last held: the
/// copies still circulating are no newer, so they cannot bring the node back, but a node that was only
/// out of reach (a long partition, a suspended laptop) returns with its next sequence, and a reap
/// tombstone that spreads can never bury a node some other peer still hears.</para>
/// <para>Built only from what a node cannot change within a generation (id, name, version, interval,
/// TTL, gossip address); metrics and the dashboard URL are dropped. So every agent that forgets the same
/// version makes the same bytes, and merge agrees on bytes, not only on versions. The layout is the
/// record's own with empty metrics (about 20 bytes more than a bare header), so there is no second
/// format to check.</para>
/// </remarks>
public static class Tombstone
{
    /// <summary>The sequence of an operator's tombstone: no record of its generation can be newer.</summary>
    public const long ForeverSequence = long.MaxValue;

    /// <summary>True for an operator's tombstone, which nothing but a new generation outranks.</summary>
    public static bool IsForever(RecordHeader header) => header.Forgotten && header.Sequence == ForeverSequence;

    /// <summary>An operator forgot the node: out until it restarts with a new generation.</summary>
    public static byte[] Forever(ClusterEntry held)
    {
        ArgumentNullException.ThrowIfNull(held);
        return Of(held.Decode(), ForeverSequence);
    }

    /// <summary>The node stayed offline past the reap time: out until it shows a newer sequence or generation.</summary>
    public static byte[] Reaped(ClusterEntry held)
    {
        ArgumentNullException.ThrowIfNull(held);
        return Of(held.Decode(), held.Header.Sequence);
    }

    private static byte[] Of(NodeRecord record, long sequence) => RecordCodec.ToBytes(
        record with
        {
            Sequence = sequence,
            Left = false,
            Forgotten = true,
            DashboardUrl = "",
            Metrics = NodeMetrics.Empty,
        });
}
