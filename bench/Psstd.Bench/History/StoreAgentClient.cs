using System.Text.Json;
using Psstd.Agent.Store;
using Psstd.Contracts;

namespace Psstd.Bench.History;

/// <summary>
/// An agent whose history comes from a real store through the agent's own query (<see cref="StoreQueries.History"/>),
/// serialised and read back with the local API's JSON context as the socket would carry it. The cluster is fixed.
/// </summary>
internal static class StoreAgentClient
{
    public static FixedAgentClient Create(ClusterSnapshot snapshot, StoreQueries store) =>
        new(snapshot, (node, since, until, resolution) =>
        {
            var history = new NodeHistory(node.Id, node.Name, since, until, resolution.TotalSeconds, store.History(node.Id, since, until, resolution));
            var wire = JsonSerializer.SerializeToUtf8Bytes(history, LocalApiJsonContext.Default.NodeHistory);
            return JsonSerializer.Deserialize(wire, LocalApiJsonContext.Default.NodeHistory)!;
        });
}
