using System.Net;
using System.Runtime.InteropServices;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Cluster;

/// <summary>
/// Node numbers and the latest checked versions of every node's record. A <see cref="ClusterState"/>
/// keeps its slots in an array indexed by these numbers, and takes its versions from here, so a record
/// is checked and copied once per version (the latest few of each node are kept, for the simulator:
/// in a cluster past its bandwidth budget, relays deliver versions some seconds old). An agent's state has a catalog of its own; the simulator
/// shares one among thousands of states, so a version is one object however many simulated nodes hold
/// it and each state costs an array of small structs (what lets it reach 10,000 nodes).
/// </summary>
/// <param name="kept">Versions kept per node: 1 for an agent's own catalog (it holds one version a node
/// anyway); more when states share the catalog and each holds a version of its own age.</param>
internal sealed class NodeCatalog(int kept = 1)
{
    private readonly int _kept = kept >= 1 ? kept : throw new ArgumentOutOfRangeException(nameof(kept), kept, "at least 1");
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, int> _numbers = [];
    private readonly List<RecordVersion?[]> _recent = []; // by node number: the latest versions, newest at [0]
    private readonly Dictionary<IPEndPoint, int> _atEndPoint = []; // gossip address -> number of the node whose newest version names it
    private readonly Stack<int> _free = []; // numbers of forgotten nodes, given again

    /// <summary>Nodes numbered so far: every number is below it.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _recent.Count;
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
                number = _recent.Count;
                _numbers.Add(id, number);
                _recent.Add(new RecordVersion?[_kept]);
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
    /// Forgets a node: its number and versions (a catalog of one state's own only; a shared catalog keeps
    /// every node, as every state that shares it may still hold it). Its number is given to the next new node.
    /// </summary>
    public void Forget(Guid id, int number)
    {
        lock (_lock)
        {
            if (!_numbers.Remove(id))
            {
                return;
            }

            Array.Clear(_recent[number]);
            foreach (var (endPoint, at) in _atEndPoint)
            {
                if (at == number)
                {
                    _atEndPoint.Remove(endPoint);
                }
            }

            _free.Push(number);
        }
    }

    /// <summary>
    /// The number of the node whose newest version (as this catalog has seen them) names
    /// <paramref name="endPoint"/> as its gossip address; a node that moved away leaves its old address
    /// to whichever node names it next.
    /// </summary>
    public bool TryNumberAt(IPEndPoint endPoint, out int number)
    {
        lock (_lock)
        {
            return _atEndPoint.TryGetValue(endPoint, out number);
        }
    }

    /// <summary>
    /// The version for a record's bytes: a kept version with this header, when it has exactly these
    /// bytes (compared by reference first, then byte by byte); otherwise a new version when the bytes pass
    /// <see cref="RecordCodec.IsValid"/> (kept among the latest, its address reused when unchanged);
    /// null when they do not pass.
    /// </summary>
    /// <param name="number">The node's number (<see cref="Number"/> of <paramref name="header"/>'s id).</param>
    /// <param name="header">Read from <paramref name="bytes"/> by <see cref="RecordCodec.TryReadHeader"/>, as was <paramref name="gossipAddress"/>.</param>
    /// <param name="array">The bytes as an array the caller hands over, or null: copied when a new version is made.</param>
    public RecordVersion? Version(int number, RecordHeader header, ReadOnlySpan<byte> gossipAddress, ReadOnlySpan<byte> bytes, byte[]? array = null)
    {
        lock (_lock)
        {
            var recent = _recent[number];
            var place = 0;
            while (place < _kept && recent[place] is { } later && later.Header.IsNewerThan(header))
            {
                place++;
            }

            if (place < _kept && recent[place] is { } same && same.Header == header
                && (ReferenceEquals(same.Encoded, array) || same.Encoded.AsSpan().SequenceEqual(bytes)))
            {
                return same;
            }

            if (!RecordCodec.IsValid(bytes))
            {
                return null;
            }

            var address = ClusterMerge.Address(gossipAddress, recent[0]?.Address);
            var version = new RecordVersion(header, array ?? bytes.ToArray(), address);
            if (place < _kept)
            {
                Array.Copy(recent, place, recent, place + 1, _kept - place - 1);
                recent[place] = version;
            }

            if (place == 0 && address.EndPoint is { } endPoint)
            {
                CollectionsMarshal.GetValueRefOrAddDefault(_atEndPoint, endPoint, out _) = number;
            }

            return version;
        }
    }
}
