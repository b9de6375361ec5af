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

    public Task<AgentResult<ClusterSnapshot>> GetClusterAsync(CancellationToken cancellationToken) => Task.FromResult(_cluster);

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
