using System.Net;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Cluster;

/// <summary>
/// A node's current record as this agent holds it: in wire form, with the header read out, decoded
/// only when someone asks to see it (a 1,000-node cluster replaces a thousand records a second).
/// An immutable view: <see cref="ClusterState"/> keeps its own mutable slots and hands these out.
/// </summary>
/// <param name="Encoded">The record as it came off the wire (checked): relayed as is, never re-encoded.</param>
/// <param name="Address">The record's gossip address, parsed.</param>
/// <param name="SeenTimestamp">
/// <see cref="TimeProvider.GetTimestamp"/> of this agent when the record's (generation, sequence)
/// first arrived: freshness is judged from it, on this agent's monotonic clock only.
/// </param>
public sealed record ClusterEntry(RecordHeader Header, byte[] Encoded, GossipAddress Address, long SeenTimestamp)
{
    public Guid Id => Header.Id;

    /// <summary>The record's gossip address as it carries it.</summary>
    public string GossipAddress => Address.Text;

    /// <summary>The record's gossip address when it is an IP literal; null for a DNS name.</summary>
    public IPEndPoint? GossipEndPoint => Address.EndPoint;

    /// <summary>Last evidence the node is alive: this record's arrival, or a later answered probe.</summary>
    public long AliveTimestamp { get; init; }

    /// <summary>This agent's failure detector doubts the node; any newer version clears it.</summary>
    public bool Suspected { get; init; }

    /// <summary>The whole record. Entries hold only checked bytes, so this cannot fail.</summary>
    public NodeRecord Decode() => RecordCodec.Read(Encoded) ?? throw new InvalidOperationException($"held record of {Id} does not decode");
}
