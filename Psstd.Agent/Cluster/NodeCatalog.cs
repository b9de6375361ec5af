using Psstd.Agent.Gossip.Wire;

namespace Psstd.Agent.Cluster;

/// <summary>
/// Node numbers and the newest checked version of every node's record. A <see cref="ClusterState"/>
/// keeps its slots in an array indexed by these numbers, and takes its versions from here, so a record
/// is checked and copied once per version. An agent's state has a catalog of its own; the simulator
/// shares one among thousands of states, so a version is one object however many simulated nodes hold
/// it and each state costs an array of small structs (what lets it reach 10,000 nodes).
/// </summary>
public sealed class NodeCatalog
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, int> _numbers = [];
    private readonly List<RecordVersion?> _newest = [];

    /// <summary>Nodes numbered so far: every number is below it.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _newest.Count;
            }
        }
    }

    /// <summary>The node's number: given at first sight, kept for the life of the catalog.</summary>
    public int Number(Guid id)
    {
        lock (_lock)
        {
            if (!_numbers.TryGetValue(id, out var number))
            {
                number = _newest.Count;
                _numbers.Add(id, number);
                _newest.Add(null);
            }

            return number;
        }
    }

    /// <summary>The node's number when it has one (looking does not give one).</summary>
    public bool TryNumber(Guid id, out int number)
    {
        lock (_lock)
        {
            return _numbers.TryGetValue(id, out number);
        }
    }

    /// <summary>
    /// The version for a record's bytes: the newest version known, when it has exactly these bytes
    /// (compared by reference first, then byte by byte); otherwise a new version when the bytes pass
    /// <see cref="RecordCodec.IsValid"/> (kept as the newest when no newer one is known, its address
    /// reused when unchanged); null when they do not pass.
    /// </summary>
    /// <param name="number">The node's number (<see cref="Number"/> of <paramref name="header"/>'s id).</param>
    /// <param name="header">Read from <paramref name="bytes"/> by <see cref="RecordCodec.TryReadHeader"/>, as was <paramref name="gossipAddress"/>.</param>
    /// <param name="array">The bytes as an array the caller hands over, or null: copied when a new version is made.</param>
    public RecordVersion? Version(int number, RecordHeader header, ReadOnlySpan<byte> gossipAddress, ReadOnlySpan<byte> bytes, byte[]? array = null)
    {
        lock (_lock)
        {
            var newest = _newest[number];
            if (newest is not null && newest.Header == header
                && (ReferenceEquals(newest.Encoded, array) || newest.Encoded.AsSpan().SequenceEqual(bytes)))
            {
                return newest;
            }

            if (!RecordCodec.IsValid(bytes))
            {
                return null;
            }

            var address = newest is not null && newest.Address.Utf8.AsSpan().SequenceEqual(gossipAddress)
                ? newest.Address
                : GossipAddress.Parse(gossipAddress);
            var version = new RecordVersion(header, array ?? bytes.ToArray(), address);
            if (newest is null || header.IsNewerThan(newest.Header))
            {
                _newest[number] = version;
            }

            return version;
        }
    }
}
