using System.Net;
using System.Text;
using Psstd.Agent.Gossip.Wire;

namespace Psstd.Agent.Cluster;

/// <summary>The one rule by which a received record changes what this agent holds.</summary>
public static class ClusterMerge
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

        return incoming.IsNewerThan(held.Header)
            ? (Entry(incoming, encoded, gossipAddress, now, held), MergeOutcome.Updated)
            : (held, MergeOutcome.Ignored);
    }

    private static ClusterEntry Entry(RecordHeader header, byte[] encoded, ReadOnlySpan<byte> gossipAddress, long now, ClusterEntry? previous)
    {
        // Addresses rarely change: keep the held string and endpoint rather than parse every second.
        if (previous is not null && previous.GossipAddressUtf8.AsSpan().SequenceEqual(gossipAddress))
        {
            return new ClusterEntry(header, encoded, previous.GossipAddress, previous.GossipEndPoint, now)
            {
                AliveTimestamp = now,
                GossipAddressUtf8 = previous.GossipAddressUtf8,
            };
        }

        var address = Encoding.UTF8.GetString(gossipAddress);
        var endPoint = IPEndPoint.TryParse(address, out var parsed) && parsed.Port != 0 ? parsed : null;
        return new ClusterEntry(header, encoded, address, endPoint, now) { AliveTimestamp = now, GossipAddressUtf8 = gossipAddress.ToArray() };
    }
}
