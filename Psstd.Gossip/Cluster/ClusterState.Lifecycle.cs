using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Cluster;

/// <summary>
/// Where nodes enter and leave the state other than by gossip: restored from the store at start, and let go
/// for good once forgotten or reaped.
/// </summary>
public sealed partial class ClusterState
{
    /// <summary>How many nodes <see cref="Remove"/> let go since start: a reader that mirrors the state looks for them only when it changed.</summary>
    public long Removals { get; private set; }

    /// <summary>
    /// Forgets everything held for a node (its tombstone has done its work, or the state is full of nodes long
    /// gone); returns whether one was held. A record of it that arrives later is taken as a new node.
    /// </summary>
    public bool Remove(Guid id)
    {
        lock (_lock)
        {
            if (!Held(id, out var number))
            {
                return false;
            }

            _slots[number] = default;
            _order.Remove(number);
            Removals++;
            if (_ownsCatalog)
            {
                _catalog.Forget(id, number);
            }

            return true;
        }
    }

    /// <summary>
    /// Takes a record loaded from disk at start, for a node not held yet. It is old news: it is dated
    /// <paramref name="age"/> ago, and never less than its TTL, so it is judged offline (or left) until
    /// gossip brings a newer version. A node already held (this node's own new generation, or anything
    /// gossip brought first) is left as it is. Returns the entry taken, or null.
    /// </summary>
    public ClusterEntry? Restore(byte[] encoded, TimeSpan age)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (!RecordCodec.TryReadHeader(encoded, out var header, out var gossipAddress))
        {
            return null;
        }

        var old = age > header.Ttl ? age : header.Ttl + TimeSpan.FromSeconds(1);
        var seen = _time.GetTimestamp() - (long)(old.TotalSeconds * _time.TimestampFrequency);
        if (NumberOrFull(header.Id) is not { } number)
        {
            return null;
        }

        lock (_lock)
        {
            ref var slot = ref SlotOf(number);
            if (slot.Version is not null || _catalog.Version(number, header, gossipAddress, encoded, encoded) is not { } version)
            {
                return null;
            }

            slot = new ClusterSlot { Version = version, Seen = seen, Alive = seen };
            Join(number, ref slot);
            return View(in slot);
        }
    }
}
