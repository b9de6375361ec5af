using Psstd.Agent.Snapshots;
using Psstd.Agent.Store;
using Psstd.Gossip.Cluster;

namespace Psstd.Agent.LocalApi;

/// <summary>Finds a node by id or name (<see cref="NodeSelector"/>): among the nodes held now first, then among those the store remembers.</summary>
internal static class NodeLookup
{
    /// <returns>The node's id and name, or null when neither knows it.</returns>
    public static (Guid Id, string Name)? Find(string idOrName, ClusterState cluster, StoreQueries store)
    {
        ArgumentNullException.ThrowIfNull(idOrName);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(store);
        if (Guid.TryParse(idOrName, out var id))
        {
            if (cluster.Find(id) is { } byId)
            {
                return (id, byId.Decode().Name);
            }
        }
        else
        {
            foreach (var entry in cluster.Entries())
            {
                var record = entry.Decode();
                if (NodeSelector.Selects(idOrName, record.Id, record.Name))
                {
                    return (record.Id, record.Name);
                }
            }
        }

        return store.FindNode(idOrName);
    }
}
