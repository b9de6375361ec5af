using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Cluster;

/// <summary>
/// One checked version of a node's record, as a cluster state holds it: the wire bytes (relayed as
/// they came, never re-encoded), the header read out of them and the gossip address parsed. Immutable,
/// so one object serves every holder: a new version replaces the reference, nothing is changed in place.
/// </summary>
internal sealed class RecordVersion(RecordHeader header, byte[] encoded, GossipAddress address)
{
    public RecordHeader Header { get; } = header;

    /// <summary>The record as it travels; passed <see cref="RecordCodec.IsValid"/>.</summary>
    public byte[] Encoded { get; } = encoded;

    public GossipAddress Address { get; } = address;

    /// <summary>The node's anti-entropy bucket (<see cref="SyncSummary.Bucket"/>), worked out once per version.</summary>
    public int Bucket { get; } = SyncSummary.Bucket(header.Id);

    /// <summary>What this version adds to its bucket's hash (<see cref="SyncSummary.Fingerprint"/>), worked out once per version.</summary>
    public uint Fingerprint { get; } = SyncSummary.Fingerprint(header.Id, header.Generation, header.Left);

    public Guid Id => Header.Id;
}
