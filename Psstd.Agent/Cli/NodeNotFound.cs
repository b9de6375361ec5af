using Psstd.Agent.Snapshots;
using Psstd.Contracts;

namespace Psstd.Agent.Cli;

/// <summary>Explains a 404 from a node route (<c>{node}</c>: an id or a name, see <see cref="NodeSelector"/>).</summary>
internal static class NodeNotFound
{
    public static NodeSnapshot? Find(ClusterSnapshot snapshot, string node)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return snapshot.Nodes.FirstOrDefault(n => NodeSelector.Selects(node, n.Id, n.Name));
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
