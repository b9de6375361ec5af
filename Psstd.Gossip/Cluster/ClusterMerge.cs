using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Cluster;

/// <summary>The one rule by which a received record changes what this agent holds.</summary>
internal static class ClusterMerge
{
    /// <summary>
    /// Merges a checked record (<paramref name="encoded"/>, whose header is <paramref name="incoming"/>)
    /// into the entry held for its node.
    /// <list type="number">
    /// <item>No entry yet: the record is taken, seen now.</item>
    /// <item>A greater (generation, sequence), or at an equal pair a tombstone over a record: the record
    /// replaces the held one whole, seen now. So a tombstone buries every version it outranks and a new
    /// generation outranks the tombstone (<see cref="Tombstone"/>).</item>
    /// <item>Otherwise the held entry stays, including its seen time, so a duplicate or a late relay
    /// never makes a node look fresher than it is.</item>
    /// </list>
    /// Pure. On records it is commutative, associative and idempotent: whatever the arrival order and
    /// repetition, the held record ends as the greatest one received. Wall clocks play no part.
    /// </summary>
    public static (ClusterEntry Entry, MergeOutcome Outcome) Apply(
        ClusterEntry? held, RecordHeader incoming, byte[] encoded, ReadOnlySpan<byte> gossipAddress, long now)
    {
        if (held is null)
        {
            return (Entry(incoming, encoded, gossipAddress, now, null), MergeOutcome.Joined);
        }

        return Replaces(incoming, held.Header)
            ? (Entry(incoming, encoded, gossipAddress, now, held), MergeOutcome.Updated)
            : (held, MergeOutcome.Ignored);
    }

    /// <summary>The rule itself: whether a record with header <paramref name="incoming"/> replaces the held one.</summary>
    public static bool Replaces(RecordHeader incoming, RecordHeader held) => incoming.IsNewerThan(held);

    /// <summary>
    /// A record's gossip address as held: the previous one when the bytes did not change (addresses
    /// rarely change: no parsing every second), else parsed afresh.
    /// </summary>
    public static GossipAddress Address(ReadOnlySpan<byte> gossipAddress, GossipAddress? previous) =>
        previous is not null && previous.Utf8.AsSpan().SequenceEqual(gossipAddress) ? previous : GossipAddress.Parse(gossipAddress);

    private static ClusterEntry Entry(RecordHeader header, byte[] encoded, ReadOnlySpan<byte> gossipAddress, long now, ClusterEntry? previous)
    {
        var address = Address(gossipAddress, previous?.Address);
        return new ClusterEntry(header, encoded, address, now) { AliveTimestamp = now };
    }
}
