using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Psstd.Agent.Store;

/// <summary>Reports the store's path, size and last commit; unhealthy when it is not open or its last batch failed.</summary>
internal sealed class StoreHealthCheck(StoreStatus status, TimeProvider time) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var description = status.Describe(time);
        var healthy = status.Store is not null && (status.LastCommitTimestamp == 0 || time.GetElapsedTime(status.LastCommitTimestamp) < TimeSpan.FromSeconds(10));
        return Task.FromResult(healthy ? HealthCheckResult.Healthy(description) : HealthCheckResult.Unhealthy(description));
    }
}
