using System.Net.Http.Json;
using Psstd.AppHost.Model;
using Psstd.Contracts;
using Psstd.Tests.Support;

namespace Psstd.Tests.Integration;

/// <summary>Reads real agents' cluster snapshots over their sockets, waiting until they show what a test expects.</summary>
internal static class AgentSnapshots
{
    /// <summary>
    /// The first snapshot of <paramref name="node"/> of which <paramref name="holds"/> is true. An agent that
    /// does not answer yet, or not within its client's timeout (a busy machine), counts as not yet.
    /// </summary>
    public static Task<ClusterSnapshot> WhenAsync(NodeSpec node, string what, TimeSpan timeout, Func<ClusterSnapshot, bool> holds) =>
        WhenAsync(node.SocketPath, $"{node.Name} {what}", timeout, holds);

    /// <summary>As above, for the agent on <paramref name="socketPath"/>.</summary>
    public static Task<ClusterSnapshot> WhenAsync(string socketPath, string what, TimeSpan timeout, Func<ClusterSnapshot, bool> holds) =>
        Eventually.ReturnsAsync(what, timeout, async ct =>
        {
            try
            {
                using var agent = AgentSocket.Client(socketPath);
                var snapshot = (await agent.GetFromJsonAsync(LocalApiRoutes.Cluster, LocalApiJsonContext.Default.ClusterSnapshot, ct))!;
                return holds(snapshot) ? snapshot : null;
            }
            catch (HttpRequestException)
            {
                return null;
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
                return null;
            }
        });

    /// <summary>The current snapshot, as soon as the agent answers.</summary>
    public static Task<ClusterSnapshot> ReadAsync(NodeSpec node, TimeSpan timeout) => WhenAsync(node, "answers", timeout, _ => true);

    /// <summary>The current snapshot of the agent on <paramref name="socketPath"/>, as soon as it answers.</summary>
    public static Task<ClusterSnapshot> ReadAsync(string socketPath, TimeSpan timeout) => WhenAsync(socketPath, $"the agent on {socketPath} answers", timeout, _ => true);

    /// <summary>Waits until <paramref name="holds"/> is true of every observer's snapshot; returns those snapshots.</summary>
    public static Task<ClusterSnapshot[]> EveryObserverAsync(IEnumerable<NodeSpec> observers, string what, TimeSpan timeout, Func<ClusterSnapshot, bool> holds) =>
        Task.WhenAll(observers.Select(observer => WhenAsync(observer, what, timeout, holds)));
}
