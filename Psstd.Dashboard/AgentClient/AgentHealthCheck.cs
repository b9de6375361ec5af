using Microsoft.Extensions.Diagnostics.HealthChecks;
using Psstd.Dashboard.Configuration;

namespace Psstd.Dashboard.AgentClient;

/// <summary>
/// The dashboard is only as useful as its agent: without one it can render nothing but an apology,
/// so <c>/healthz</c> reports that as unhealthy (503).
/// </summary>
public sealed class AgentHealthCheck(IAgentClient agent, DashboardSettings settings) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var result = await agent.GetHealthAsync(cancellationToken);
        return result.Outcome switch
        {
            AgentOutcome.Ok => HealthCheckResult.Healthy($"agent reachable at {settings.SocketPath}"),

            // It answers, so pages still render; what ails it is the agent's own /healthz to report.
            AgentOutcome.AnsweredWithError => HealthCheckResult.Degraded($"agent at {settings.SocketPath} reports a problem: {result.Detail}"),
            AgentOutcome.BadResponse => HealthCheckResult.Unhealthy($"agent at {settings.SocketPath} sent an unreadable answer: {result.Detail}"),
            _ => HealthCheckResult.Unhealthy($"agent not reachable at {settings.SocketPath}: {result.Detail}"),
        };
    }
}
