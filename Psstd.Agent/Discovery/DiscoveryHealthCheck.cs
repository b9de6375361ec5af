using Microsoft.Extensions.Diagnostics.HealthChecks;
using Psstd.Agent.Configuration;

namespace Psstd.Agent.Discovery;

/// <summary>Discovery's counters in the agent's /healthz, next to gossip's; discovery has no unhealthy state (seeds still work).</summary>
internal sealed class DiscoveryHealthCheck(AgentSettings settings, DiscoveryMetrics counters) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy(settings.Mdns ? $"mDNS {counters.Describe()}" : "mDNS off (PSSTD_MDNS=false)"));
}
