using Psstd.Agent.Cluster;
using Psstd.Agent.Configuration;
using Psstd.Agent.Gossip.Wire;
using Psstd.Agent.Metrics;

namespace Psstd.Agent.Heartbeat;

/// <summary>Every interval: sample the machine, publish the sample as this node's next record.</summary>
public sealed class HeartbeatService(
    AgentSettings settings,
    IMetricsProbe probe,
    LocalNode local,
    ClusterState cluster,
    TimeProvider time,
    ILogger<HeartbeatService> logger) : BackgroundService
{
    /// <summary><see cref="TimeProvider.GetTimestamp"/> of the last successful tick; 0 before the first.</summary>
    public long LastTickTimestamp { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (probe.Unavailable.Count > 0)
        {
            HeartbeatLog.MetricsUnavailable(logger, string.Join(", ", probe.Unavailable));
        }

        Tick();
        using var timer = new PeriodicTimer(settings.Interval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            Tick();
        }
    }

    /// <summary>One heartbeat; a failure is logged and the loop goes on.</summary>
    public void Tick()
    {
        try
        {
            var record = local.Publish(probe.Sample());
            cluster.Merge(RecordCodec.ToBytes(record));
            LastTickTimestamp = time.GetTimestamp();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            HeartbeatLog.TickFailed(logger, ex);
        }
    }
}
