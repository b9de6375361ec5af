using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;

namespace Psstd.Bench;

/// <summary>An agent that answers one fixed snapshot instantly: the bench measures the dashboard alone.</summary>
internal sealed class FixedAgentClient(ClusterSnapshot snapshot) : IAgentClient
{
    public Task<AgentResult<ClusterSnapshot>> GetClusterAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new AgentResult<ClusterSnapshot>(AgentOutcome.Ok, snapshot, ""));

    public Task<AgentResult<string>> GetHealthAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new AgentResult<string>(AgentOutcome.Ok, "{}", ""));

    public Task<AgentResult<string>> RegisterDashboardAsync(DashboardRegistration registration, CancellationToken cancellationToken) =>
        Task.FromResult(new AgentResult<string>(AgentOutcome.Ok, "", ""));

    public Task<AgentResult<string>> WithdrawDashboardAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new AgentResult<string>(AgentOutcome.Ok, "", ""));
}
