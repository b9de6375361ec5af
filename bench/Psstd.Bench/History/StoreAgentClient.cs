using System.Text.Json;
using Psstd.Agent.Store;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;

namespace Psstd.Bench.History;

/// <summary>
/// An agent whose history comes from a real store through the agent's own query (<see cref="StoreQueries.History"/>),
/// serialised and read back with the local API's JSON context as the socket would carry it. The cluster is fixed.
/// </summary>
internal sealed class StoreAgentClient(ClusterSnapshot snapshot, StoreQueries store) : IAgentClient
{
    public Task<AgentResult<ClusterSnapshot>> GetClusterAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new AgentResult<ClusterSnapshot>(AgentOutcome.Ok, snapshot, ""));

    public Task<AgentResult<NodeHistory>> GetHistoryAsync(
        string node, DateTimeOffset since, DateTimeOffset until, TimeSpan resolution, CancellationToken cancellationToken)
    {
        var found = snapshot.Nodes.First(n => n.Name == node || n.Id.ToString() == node);
        var history = new NodeHistory(found.Id, found.Name, since, until, resolution.TotalSeconds, store.History(found.Id, since, until, resolution));
        var wire = JsonSerializer.SerializeToUtf8Bytes(history, LocalApiJsonContext.Default.NodeHistory);
        return Task.FromResult(new AgentResult<NodeHistory>(AgentOutcome.Ok, JsonSerializer.Deserialize(wire, LocalApiJsonContext.Default.NodeHistory), ""));
    }

    public Task<AgentResult<ClusterEventList>> GetEventsAsync(string? node, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(new AgentResult<ClusterEventList>(AgentOutcome.Ok, new ClusterEventList([]), ""));

    public Task<AgentResult<AgentExport>> OpenHistoryExportAsync(
        string node, DateTimeOffset since, DateTimeOffset until, HistoryExportFormat format, CancellationToken cancellationToken) =>
        Task.FromResult(new AgentResult<AgentExport>(AgentOutcome.AnsweredWithError, null, "the bench serves no exports"));

    public Task<AgentResult<string>> GetHealthAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new AgentResult<string>(AgentOutcome.Ok, "{}", ""));

    public Task<AgentResult<string>> RegisterDashboardAsync(DashboardRegistration registration, CancellationToken cancellationToken) =>
        Task.FromResult(new AgentResult<string>(AgentOutcome.Ok, "", ""));

    public Task<AgentResult<string>> WithdrawDashboardAsync(CancellationToken cancellationToken) =>
        Task.FromResult(new AgentResult<string>(AgentOutcome.Ok, "", ""));
}
