using Psstd.Agent.Cluster;
using Psstd.Agent.Configuration;
using Psstd.Agent.Gossip.Engine;
using Psstd.Agent.Gossip.Wire;
using Psstd.Agent.Metrics;

namespace Psstd.Agent.Heartbeat;

/// <summary>
/// Every interval: sample the machine, publish the sample as this node's next record. In a cluster too
/// large for every node's record every interval to fit the gossip budget, every few intervals instead
/// (<see cref="GossipPace"/>), the record saying so.
/// </summary>
public sealed class HeartbeatService(
    AgentSettings settings,
    IMetricsProbe probe,
    LocalNode local,
    ClusterState cluster,
    TimeProvider time,
    ILogger<HeartbeatService> logger) : BackgroundService
{
    private int _skipped;
    private int _recordBytes;

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
            var stride = GossipPace.Stride(cluster.Count, _recordBytes, settings.Interval, settings.GossipBandwidth);
            if (++_skipped < stride)
            {
                LastTickTimestamp = time.GetTimestamp();
                return; // not this interval: the sample is taken when the record goes out (rates span the whole stride)
            }

            var record = local.Publish(probe.Sample(), stride);
            var encoded = RecordCodec.ToBytes(record);
            cluster.Merge(encoded);
            _skipped = 0;
            _recordBytes = encoded.Length;
            LastTickTimestamp = time.GetTimestamp();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            HeartbeatLog.TickFailed(logger, ex);
        }
    }
}
