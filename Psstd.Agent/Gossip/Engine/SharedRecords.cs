using Psstd.Agent.Gossip.Wire;

namespace Psstd.Agent.Gossip.Engine;

/// <summary>
/// Record bytes shared by many engines in one process: the simulator runs thousands of nodes that all
/// hold the same records, and one array per version instead of one per node is what lets it reach
/// 10,000 nodes. An agent has one engine and does not use it. Keeps the newest version seen per node.
/// </summary>
public sealed class SharedRecords
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, (RecordHeader Header, byte[] Bytes)> _newest = [];

    /// <summary>The held array with exactly these bytes (already checked when it was offered), or null.</summary>
    public byte[]? Find(RecordHeader header, ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            return _newest.TryGetValue(header.Id, out var held) && held.Header == header && held.Bytes.AsSpan().SequenceEqual(bytes) ? held.Bytes : null;
        }
    }

    /// <summary>Offers a checked record; kept when it is the newest version of its node seen so far.</summary>
    public void Offer(RecordHeader header, byte[] bytes)
    {
        lock (_lock)
        {
            if (!_newest.TryGetValue(header.Id, out var held) || header.IsNewerThan(held.Header))
            {
                _newest[header.Id] = (header, bytes);
            }
        }
    }
}
