using Psstd.Agent.Gossip.Wire;

namespace Psstd.Agent.Cluster;

/// <summary>
/// The cluster as this agent knows it, in memory. Gossip and the heartbeat write through
/// <see cref="Merge"/>; readers take copies. One short lock: every operation is a dictionary step.
/// </summary>
public sealed class ClusterState(TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, ClusterEntry> _entries = [];
    private readonly List<Guid> _order = []; // the same keys, indexable, for picking gossip targets at random

    /// <summary>Merges a record in wire form that <see cref="RecordCodec.IsValid"/> accepted.</summary>
    public MergeOutcome Merge(byte[] encoded)
    {
        ArgumentNullException.ThrowIfNull(encoded);
        if (!RecordCodec.TryReadHeader(encoded, out var header, out var gossipAddress))
        {
            throw new ArgumentException("not a record", nameof(encoded));
        }

        var now = time.GetTimestamp();
        lock (_lock)
        {
            var held = _entries.GetValueOrDefault(header.Id);
            var (merged, outcome) = ClusterMerge.Apply(held, header, encoded, gossipAddress, now);
            if (outcome != MergeOutcome.Ignored)
            {
                _entries[header.Id] = merged;
            }

            if (outcome == MergeOutcome.Joined)
            {
                _order.Add(header.Id);
            }

            return outcome;
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

            var (entry, _) = ClusterMerge.Apply(null, header, encoded, gossipAddress, seen);
            _entries[header.Id] = entry;
            _order.Add(header.Id);
            return entry;
        }
    }

    /// <summary>Whether a record with this header would change what is held (cheap: nothing decoded).</summary>
    public bool WouldAccept(RecordHeader header)
    {
        lock (_lock)
        {
            return !_entries.TryGetValue(header.Id, out var held) || header.IsNewerThan(held.Header);
        }
    }

    /// <summary>The node answered a probe: alive now, whatever the age of its record.</summary>
    public void MarkAlive(Guid id, long now)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(id, out var held))
            {
                _entries[id] = held with { AliveTimestamp = now, Suspected = false };
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
                _entries[id] = held with { Suspected = true };
            }
        }
    }

    public ClusterEntry? Find(Guid id)
    {
        lock (_lock)
        {
            return _entries.GetValueOrDefault(id);
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
            return [.. _entries.Values];
        }
    }

    /// <summary>
    /// Fills <paramref name="into"/> (cleared first) with the entries not heard from for
    /// <paramref name="intervals"/> of their own intervals. Runs every gossip round, so it copies only
    /// the few silent entries, never the whole map.
    /// </summary>
    public void CollectSilent(long now, double intervals, List<ClusterEntry> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        lock (_lock)
        {
            foreach (var entry in _entries.Values)
            {
                if (time.GetElapsedTime(entry.AliveTimestamp, now) >= entry.Header.Interval * intervals)
                {
                    into.Add(entry);
                }
            }
        }
    }

    /// <summary>An entry drawn uniformly at random; null when none is held.</summary>
    public ClusterEntry? PickRandom(Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        lock (_lock)
        {
            return _order.Count == 0 ? null : _entries[_order[random.Next(_order.Count)]];
        }
    }

    /// <summary>Fills <paramref name="into"/> (cleared first) with every entry: a reusable list instead of a new array (anti-entropy scans often).</summary>
    public void CollectAll(List<ClusterEntry> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        lock (_lock)
        {
            into.AddRange(_entries.Values);
        }
    }
}
