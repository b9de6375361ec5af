using Psstd.Contracts;

namespace Psstd.Dashboard.AgentClient;

/// <summary>The dashboard's only way to the cluster: the local agent's API on its Unix socket.</summary>
/// <remarks>
/// Implementations never throw for a missing, failing or confused agent; they return the failure as an
/// <see cref="AgentResult{T}"/>. Only cancellation by the caller escapes as an exception.
/// </remarks>
public interface IAgentClient
{
    Task<AgentResult<ClusterSnapshot>> GetClusterAsync(CancellationToken cancellationToken);

    /// <summary>One node's history between two instants, averaged into buckets of <paramref name="resolution"/>.</summary>
    /// <param name="node">The node's name or id, as the agent's history route takes it.</param>
    Task<AgentResult<NodeHistory>> GetHistoryAsync(string node, DateTimeOffset since, DateTimeOffset until, TimeSpan resolution, CancellationToken cancellationToken);

    /// <summary>Recent events, newest first, of one node (or all when <paramref name="node"/> is null).</summary>
    Task<AgentResult<ClusterEventList>> GetEventsAsync(string? node, int limit, CancellationToken cancellationToken);

    /// <summary>One node's raw history at the stored resolution, as a stream to pass on; the caller disposes it.</summary>
    Task<AgentResult<AgentExport>> OpenHistoryExportAsync(
        string node, DateTimeOffset since, DateTimeOffset until, HistoryExportFormat format, CancellationToken cancellationToken);

    /// <summary>The agent's own health report, as the JSON text it sent.</summary>
    Task<AgentResult<string>> GetHealthAsync(CancellationToken cancellationToken);

    /// <summary>Registers or renews this dashboard's advertised URL with the agent (<c>PUT /v1/dashboard</c>).</summary>
    Task<AgentResult<string>> RegisterDashboardAsync(DashboardRegistration registration, CancellationToken cancellationToken);

    /// <summary>Withdraws the registration at once (<c>DELETE /v1/dashboard</c>), so peers stop linking here before the lease ends.</summary>
    Task<AgentResult<string>> WithdrawDashboardAsync(CancellationToken cancellationToken);
}
