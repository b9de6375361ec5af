using System.Net;
using Psstd.Agent.Gossip.Wire;
using Psstd.Contracts;

namespace Psstd.Agent.Cluster;

/// <summary>
/// The cluster as this agent knows it, in memory. Gossip and the heartbeat write through
/// <see cref="Merge"/>; readers take copies. One short lock: every operation is a dictionary step.
/// </summary>
/// <param name="addresses">Shared parsed addresses (the simulator's many nodes); null: each entry parses its own.</param>
public sealed partial class ClusterState(TimeProvider time, GossipAddressBook? addresses = null)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, Slot> _entries = [];
    private readonly List<Slot> _order = []; // the same slots in join order, indexable, for picking gossip targets at random

    /// <summary>Merges a record in wire form that <see cref="RecordCodec.IsValid"/> accepted.</summary>
    public MergeOutcome Merge(byte[] encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (!RecordCodec.TryReadHeader(encoded, out var header, out var gossipAddress))
        {
            throw new ArgumentException("not a record", nameof(encoded));
        }

        return Merge(header, gossipAddress, encoded);
    }

    /// <summary>
    /// Merges a checked record whose header and gossip address the caller already read from
    /// <paramref name="encoded"/> (gossip reads them to drop duplicates before it copies anything).
    /// </summary>
    public MergeOutcome Merge(RecordHeader header, ReadOnlySpan<byte> gossipAddress, byte[] encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        var now = time.GetTimestamp();
        lock (_lock)
        {
            if (!_entries.TryGetValue(header.Id, out var held))
            {
                Join(new Slot(header, encoded, Address(header.Id, gossipAddress, null), now, _order.Count));
                return MergeOutcome.Joined;
            }

            if (!ClusterMerge.Replaces(header, held.Header))
            {
                return MergeOutcome.Ignored;
            }

            held.Header = header;
            held.Encoded = encoded;
            held.Address = Address(header.Id, gossipAddress, held.Address);
            held.Seen = now;
            held.Suspected = false;
            Revive(held, now);
            return MergeOutcome.Updated;
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
        if (!RecordCodec.IsValid(encoded) || !RecordCodec.TryReadHeader(encoded, out var header, out var gossipAddress))
        {
            return null;
        }

        var old = age > header.Ttl ? age : header.Ttl + TimeSpan.FromSeconds(1);
        var seen = time.GetTimestamp() - (long)(old.TotalSeconds * time.TimestampFrequency);
        lock (_lock)
        {
            if (_entries.ContainsKey(header.Id))
            {
                return null;
            }

            var slot = new Slot(header, encoded, Address(header.Id, gossipAddress, null), seen, _order.Count);
            Join(slot);
            return slot.View();
        }
    }

    /// <summary>Whether a record with this header would change what is held (cheap: nothing decoded).</summary>
    public bool WouldAccept(RecordHeader header)
    {
        lock (_lock)
        {
            return !_entries.TryGetValue(header.Id, out var held) || ClusterMerge.Replaces(header, held.Header);
        }
    }

    /// <summary>The node answered a probe: alive now, whatever the age of its record.</summary>
    public void MarkAlive(Guid id, long now)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(id, out var held))
            {
                held.Suspected = false;
                Revive(held, now);
            }
        }
    }

    /// <summary>The failure detector doubts the node; ignored when a newer version arrived meanwhile.</summary>
    public void MarkSuspect(Guid id, RecordHeader probed)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(id, out var held) && held.Header == probed)
            {
                held.Suspected = true;
            }
        }
    }

    public ClusterEntry? Find(Guid id)
    {
        lock (_lock)
        {
            return _entries.GetValueOrDefault(id)?.View();
        }
    }

    /// <summary>
    /// A held node's health now (as <see cref="NodeHealthJudge"/> judges it), header and gossip endpoint,
    /// without building an entry (gossip asks for every record it accepts); null when none is held.
    /// </summary>
    public (NodeHealth Health, RecordHeader Header, IPEndPoint? EndPoint)? Judge(Guid id)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(id, out var held))
            {
                return null;
            }

            var h = held.Header;
            return (NodeHealthJudge.Judge(time.GetElapsedTime(held.Seen), h.Ttl, h.Left, held.Suspected, h.Forgotten), h, held.Address.EndPoint);
        }
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    public IReadOnlyList<ClusterEntry> Entries()
    {
        lock (_lock)
        {
            return _order.ConvertAll(s => s.View());
        }
    }

    /// <summary>An entry drawn uniformly at random; null when none is held.</summary>
    public ClusterEntry? PickRandom(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        lock (_lock)
        {
            return _order.Count == 0 ? null : _order[random.Next(_order.Count)].View();
        }
    }

    /// <summary>Fills <paramref name="into"/> (cleared first) with every entry: a reusable list instead of a new array (anti-entropy scans often).</summary>
    public void CollectAll(List<ClusterEntry> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        lock (_lock)
        {
            foreach (var slot in _order)
            {
                into.Add(slot.View());
            }
        }
    }

    private GossipAddress Address(Guid node, ReadOnlySpan<byte> gossipAddress, GossipAddress? previous) =>
        previous is not null && previous.Utf8.AsSpan().SequenceEqual(gossipAddress) ? previous
        : addresses?.Get(node, gossipAddress) ?? ClusterMerge.Address(gossipAddress, previous);

    /// <summary>
    /// What is held for one node, changed in place under the lock (a 1,000-node cluster accepts a
    /// thousand versions a second: no allocation per version); readers get <see cref="View"/> copies.
    /// </summary>
    private sealed class Slot(RecordHeader header, byte[] encoded, GossipAddress address, long seen, int joinIndex)
    {
        public RecordHeader Header { get; set; } = header;
        public byte[] Encoded { get; set; } = encoded;
        public GossipAddress Address { get; set; } = address;
        public long Seen { get; set; } = seen;
        public long Alive { get; set; } = seen;
        public bool Suspected { get; set; }

        /// <summary>Position in join order: silent nodes are reported in this order.</summary>
        public int JoinIndex { get; } = joinIndex;

        /// <summary>When the silence scan next looks at this slot (<see cref="long.MaxValue"/>: it is in the silent set).</summary>
        public long Due { get; set; }

        public ClusterEntry View() => new(Header, Encoded, Address, Seen) { AliveTimestamp = Alive, Suspected = Suspected };
    }
}
