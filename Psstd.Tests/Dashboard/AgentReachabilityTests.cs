using Psstd.Dashboard.AgentClient;

namespace Psstd.Tests.Dashboard;

public sealed class AgentReachabilityTests
{
    [Fact]
    public void Changed_ReportsOnlyTransitions_PerRoute()
    {
        var reachability = new AgentReachability();

        Assert.False(reachability.Changed("/v1/cluster", AgentOutcome.Ok));
        Assert.True(reachability.Changed("/v1/cluster", AgentOutcome.Unreachable));
        Assert.False(reachability.Changed("/v1/cluster", AgentOutcome.Unreachable));
        Assert.True(reachability.Changed("/healthz", AgentOutcome.AnsweredWithError));
        Assert.False(reachability.Changed("/v1/cluster", AgentOutcome.Unreachable));
        Assert.True(reachability.Changed("/v1/cluster", AgentOutcome.Ok));
    }
}
