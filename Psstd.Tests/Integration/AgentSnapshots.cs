using System.Net.Http.Json;
using Psstd.AppHost.Model;
using Psstd.Contracts;
using Psstd.Tests.Support;

namespace Psstd.Tests.Integration;

/// <summary>Reads real agents' cluster snapshots over their sockets, and waits until every observer agrees.</summary>
internal static class AgentSnapshots
{
    public static async Task<ClusterSnapshot> ReadAsync(NodeSpec node, CancellationToken cancellationToken)
    {
        using var agent = AgentSocket.Client(node.SocketPath);
        return (await agent.GetFromJsonAsync(LocalApiRoutes.Cluster, LocalApiJsonContext.Default.ClusterSnapshot, cancellationToken))!;
    }

    /// <summary>Waits until <paramref name="holds"/> is true of every observer's snapshot; an agent that does not answer yet counts as not yet.</summary>
    public static async Task EveryObserverAsync(IEnumerable<NodeSpec> observers, string what, TimeSpan timeout, Func<ClusterSnapshot, bool> holds) =>
        await Task.WhenAll(observers.Select(observer =>
            Eventually.ReturnsAsync($"{observer.Name} {what}", timeout, async ct =>
            {
                try
                {
                    var snapshot = await ReadAsync(observer, ct);
                    return holds(snapshot) ? snapshot : null;
                }
                catch (HttpRequestException)
                {
                    return null;
                }
            })));
}
