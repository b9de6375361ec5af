using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;

namespace Psstd.Bench;

/// <summary>An agent that answers one fixed snapshot instantly: the bench measures the dashboard alone.</summary>
/// <param name="history">A node's history for a range and resolution; null: the agent serves none.</param>
internal sealed class FixedAgentClient(ClusterSnapshot snapshot, Func<NodeSnapshot, DateTimeOffset, DateTimeOffset, TimeSpan, NodeHistory>? history = null) : IAgentClient
{
    public Task<AgentResult<ClusterSnapshot>> GetClusterAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new AgentResult<ClusterSnapshot>(AgentOutcome.Ok, snapshot, ""));

    public Task<AgentResult<NodeHistory>> GetHistoryAsync(
        string node, DateTimeOffset since, DateTimeOffset until, TimeSpan resolution, CancellationToken cancellationToken) =>
        Task.FromResult(history is not null && snapshot.Nodes.FirstOrDefault(n => n.Name == node || n.Id.ToString() == node) is { } found
            ? new AgentResult<NodeHistory>(AgentOutcome.Ok, history(found, since, until, resolution), "")
            : new AgentResult<NodeHistory>(AgentOutcome.AnsweredWithError, null, "the bench serves no history"));

    public Task<AgentResult<ClusterEventList>> GetEventsAsync(string? node, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(new AgentResult<ClusterEventList>(AgentOutcome.Ok, new ClusterEventList([]), ""));

    public Task<AgentResult<AgentExport>> OpenHistoryExportAsync(
        string node, DateTimeOffset since, DateTimeOffset until, HistoryExportFormat format, CancellationToken cancellationToken) =>
        Task.FromResult(new AgentResult<AgentExport>(AgentOutcome.AnsweredWithError, null, "the bench serves no history"));

    public Task<AgentResult<string>> GetHealthAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new AgentResult<string>(AgentOutcome.Ok, "{}", ""));

    public Task<AgentResult<string>> RegisterDashboardAsync(DashboardRegistration registration, CancellationToken cancellationToken) =>
        Task.FromResult(new AgentResult<string>(AgentOutcome.Ok, "", ""));

    public Task<AgentResult<string>> WithdrawDashboardAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new AgentResult<string>(AgentOutcome.Ok, "", ""));
}
