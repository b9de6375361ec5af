namespace Psstd.Agent.Cluster;

/// <summary>
/// Parsed gossip addresses shared by many cluster states in one process: the simulator runs thousands
/// of nodes that all hold every peer's address, and one parsed copy per node instead of one per
/// (observer, peer) pair is about 200 bytes less per held entry. An agent has one cluster state and
/// does not use it.
/// </summary>
public sealed class GossipAddressBook
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, GossipAddress> _byNode = [];

    /// <summary>The node's address with exactly these bytes: the held copy, or a new one parsed (and kept).</summary>
    public GossipAddress Get(Guid node, ReadOnlySpan<byte> utf8)
    {
        lock (_lock)
        {
            if (_byNode.TryGetValue(node, out var held) && held.Utf8.AsSpan().SequenceEqual(utf8))
            {
                return held;
            }

            var parsed = GossipAddress.Parse(utf8);
            _byNode[node] = parsed;
            return parsed;
        }
    }
}
