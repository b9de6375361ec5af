using Psstd.Contracts;

namespace Psstd.Agent.Cli;

/// <summary>Finds a node by name or id, as the local API's <c>{node}</c> route value does.</summary>
internal static class NodeLookup
{
    public static NodeSnapshot? Find(ClusterSnapshot snapshot, string node)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Nodes.FirstOrDefault(n => string.Equals(n.Name, node, StringComparison.Ordinal))
            ?? (Guid.TryParse(node, out var id) ? snapshot.Nodes.FirstOrDefault(n => n.Id == id) : null);
    }

    /// <summary>After a 404 on a node route: an unknown node, or an agent that does not serve the route at all.</summary>
    public static async Task<CliFailureException> ExplainNotFoundAsync(AgentConnection agent, string node, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        var snapshot = await agent.GetAsync(LocalApiRoutes.Cluster, LocalApiJsonContext.Default.ClusterSnapshot, cancellationToken);
        return Find(snapshot, node) is null
            ? new CliFailureException($"no node \"{node}\" is known to the agent on {agent.SocketPath} (`psstd-agent nodes` lists them)")
            : agent.NotServed(path);
    }
}
