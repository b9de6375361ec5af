using System.Collections.Concurrent;
using System.Text;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;

namespace Psstd.Tests.Dashboard;

/// <summary>An agent that answers whatever the test set, instantly and without a socket.</summary>
public sealed class FakeAgentClient : IAgentClient
{
    private volatile AgentResult<ClusterSnapshot> _cluster = new(AgentOutcome.Unreachable, null, "no snapshot set by the test");
    private volatile AgentResult<string> _health = new(AgentOutcome.Unreachable, null, "no snapshot set by the test");

    public void Serve(ClusterSnapshot snapshot)
    {
        _cluster = new AgentResult<ClusterSnapshot>(AgentOutcome.Ok, snapshot, "");
        _health = new AgentResult<string>(AgentOutcome.Ok, """{"status":"Healthy","checks":{}}""", "");
    }

    public void Fail(AgentOutcome outcome, string detail)
    {
        _cluster = new AgentResult<ClusterSnapshot>(outcome, null, detail);
        _health = new AgentResult<string>(outcome, null, detail);
    }

    private readonly ConcurrentDictionary<string, NodeHistory> _histories = new(StringComparer.Ordinal);
    private volatile IReadOnlyList<ClusterEvent> _events = [];
    private volatile AgentResult<string>? _historyFailure;

    /// <summary>Serves <paramref name="history"/> for its node's name, and its points as CSV and NDJSON exports.</summary>
    public void ServeHistory(NodeHistory history) => _histories[history.Name] = history;

    /// <summary>Every history and export request fails this way (the cluster snapshot is unaffected).</summary>
    public void FailHistory(AgentOutcome outcome, string detail) => _historyFailure = new AgentResult<string>(outcome, null, detail);

    /// <summary>The whole event log, newest first; requests filter it by node name and limit it, as the agent does.</summary>
    public void ServeEvents(params ClusterEvent[] events) => _events = events;

    /// <summary>Every history request: node, since, until, resolution (null for exports).</summary>
    public ConcurrentQueue<(string Node, DateTimeOffset Since, DateTimeOffset Until, TimeSpan? Resolution)> HistoryRequests { get; } = new();

    /// <summary>Every events request: node and limit.</summary>
    public ConcurrentQueue<(string? Node, int Limit)> EventRequests { get; } = new();

    public Task<AgentResult<NodeHistory>> GetHistoryAsync(
        string node, DateTimeOffset since, DateTimeOffset until, TimeSpan resolution, CancellationToken cancellationToken)
    {
        HistoryRequests.Enqueue((node, since, until, resolution));
        if (_historyFailure is { } failure)
        {
            return Task.FromResult(new AgentResult<NodeHistory>(failure.Outcome, null, failure.Detail));
        }

        return Task.FromResult(_histories.TryGetValue(node, out var history)
            ? new AgentResult<NodeHistory>(AgentOutcome.Ok, history, "")
            : NotFound<NodeHistory>(node));
    }

    public Task<AgentResult<ClusterEventList>> GetEventsAsync(string? node, int limit, CancellationToken cancellationToken)
    {
        EventRequests.Enqueue((node, limit));
        var events = _events.Where(e => node is null || e.NodeName == node).Take(limit).ToArray();
        return Task.FromResult(new AgentResult<ClusterEventList>(AgentOutcome.Ok, new ClusterEventList(events), ""));
    }

    public Task<AgentResult<AgentExport>> OpenHistoryExportAsync(
        string node, DateTimeOffset since, DateTimeOffset until, HistoryExportFormat format, CancellationToken cancellationToken)
    {
        HistoryRequests.Enqueue((node, since, until, null));
        if (_historyFailure is { } failure)
        {
            return Task.FromResult(new AgentResult<AgentExport>(failure.Outcome, null, failure.Detail));
        }

        if (!_histories.TryGetValue(node, out var history))
        {
            return Task.FromResult(NotFound<AgentExport>(node));
        }

        var text = new StringBuilder();
        if (format == HistoryExportFormat.Csv)
        {
            text.Append("at,cpu_busy_percent\n");
        }

        foreach (var p in history.Points)
        {
            text.Append(format == HistoryExportFormat.Csv
                ? FormattableString.Invariant($"{p.At:O},{p.CpuBusyPercent}\n")
                : FormattableString.Invariant($"{{\"at\":\"{p.At:O}\",\"cpuBusyPercent\":{p.CpuBusyPercent}}}\n"));
        }

        var body = new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
        return Task.FromResult(new AgentResult<AgentExport>(AgentOutcome.Ok, new AgentExport(body, body), ""));
    }

    private static AgentResult<T> NotFound<T>(string node)
        where T : class =>
        new(AgentOutcome.AnsweredWithError, null, $"HTTP 404 Not Found from {LocalApiRoutes.NodeHistory}: no node {node}") { StatusCode = 404 };

    private int _clusterRequests;

    /// <summary>How many times the dashboard asked for the cluster.</summary>
    public int ClusterRequests => Volatile.Read(ref _clusterRequests);

    public Task<AgentResult<ClusterSnapshot>> GetClusterAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _clusterRequests);
        return Task.FromResult(_cluster);
    }

    public Task<AgentResult<string>> GetHealthAsync(CancellationToken cancellationToken) => Task.FromResult(_health);

    /// <summary>Every registration the dashboard sent, in order.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<DashboardRegistration> Registrations { get; } = new();

    /// <summary>How many times the dashboard withdrew its registration.</summary>
    public int Withdrawals => _withdrawals;

    private int _withdrawals;

    public Task<AgentResult<string>> WithdrawDashboardAsync(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _withdrawals);
        return Task.FromResult(new AgentResult<string>(AgentOutcome.Ok, "", ""));
    }

    public Task<AgentResult<string>> RegisterDashboardAsync(DashboardRegistration registration, CancellationToken cancellationToken)
    {
        Registrations.Enqueue(registration);
        return Task.FromResult(new AgentResult<string>(AgentOutcome.Ok, "", ""));
    }
}
