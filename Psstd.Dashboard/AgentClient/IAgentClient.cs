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

    /// <summary>The agent's own health report, as the JSON text it sent.</summary>
    Task<AgentResult<string>> GetHealthAsync(CancellationToken cancellationToken);

    /// <summary>Registers or renews this dashboard's advertised URL with the agent (<c>PUT /v1/dashboard</c>).</summary>
    Task<AgentResult<string>> RegisterDashboardAsync(DashboardRegistration registration, CancellationToken cancellationToken);

    /// <summary>Withdraws the registration at once (<c>DELETE /v1/dashboard</c>), so peers stop linking here before the lease ends.</summary>
    Task<AgentResult<string>> WithdrawDashboardAsync(CancellationToken cancellationToken);
}
