using Microsoft.Extensions.Diagnostics.HealthChecks;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Telemetry;

namespace Psstd.Agent.LocalApi;

/// <summary>Reports gossip counters and how many nodes are known; gossip itself has no unhealthy state yet.</summary>
internal sealed class GossipHealthCheck(GossipMetrics counters, ClusterState cluster) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(HealthCheckResult.Healthy($"{cluster.Count} nodes known (cap {cluster.MaxNodes}, {cluster.Removals} let go); {counters.Describe()}"));
}
