using Microsoft.Extensions.Diagnostics.HealthChecks;
using Psstd.Agent.Configuration;
using Psstd.Agent.Heartbeat;

namespace Psstd.Agent.LocalApi;

/// <summary>Unhealthy when the heartbeat has not ticked for three intervals: the node would go stale.</summary>
internal sealed class HeartbeatHealthCheck(IEnumerable<IHostedService> services, AgentSettings settings, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var heartbeat = services.OfType<HeartbeatService>().Single();
        if (heartbeat.LastTickTimestamp == 0)
        {
            return Task.FromResult(HealthCheckResult.Degraded("no sample yet"));
        }

        var age = time.GetElapsedTime(heartbeat.LastTickTimestamp);
        return Task.FromResult(age <= settings.Interval * 3
            ? HealthCheckResult.Healthy($"last sample {age.TotalSeconds:0.0}s ago")
            : HealthCheckResult.Unhealthy($"last sample {age.TotalSeconds:0.0}s ago, interval {settings.Interval.TotalSeconds:0.###}s"));
    }
}
