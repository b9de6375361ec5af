using Psstd.Agent.Configuration;
using Psstd.Agent.Metrics;
using Psstd.Agent.Ticking;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;

namespace Psstd.Agent.Heartbeat;

/// <summary>
/// Every interval: sample the machine, publish the sample as this node's next record. In a cluster too
/// large for every node's record every interval to fit the gossip budget, every few intervals instead
/// (<see cref="PublishPace"/>), the record saying so. After every tick, in the same work item, the
/// <see cref="IHeartbeatFollower"/>s run (the store's batch), so the agent's once-a-second work wakes it once.
/// </summary>
internal sealed class HeartbeatService(
    AgentSettings settings,
    IMetricsProbe probe,
    LocalNode local,
    ClusterState cluster,
    TimeProvider time,
    ILogger<HeartbeatService> logger,
    IEnumerable<IHeartbeatFollower>? followers = null) : BackgroundService
{
    private readonly PublishPace _pace = new(settings.Interval, settings.GossipBandwidth);
    private readonly IHeartbeatFollower[] _followers = followers?.ToArray() ?? [];

    /// <summary><see cref="TimeProvider.GetTimestamp"/> of the last successful tick; 0 before the first.</summary>
    public long LastTickTimestamp { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (probe.Unavailable.Count > 0)
        {
            HeartbeatLog.MetricsUnavailable(logger, string.Join(", ", probe.Unavailable));
        }

        TickAndFollow();
        await Ticker.RunAsync(time, settings.Interval, TickAndFollow, stoppingToken);
    }

    /// <summary>One heartbeat, then its followers; outside <see cref="Tick"/>'s catch, so a follower's failure is not logged as the heartbeat's.</summary>
    public void TickAndFollow()
    {
        Tick();
        foreach (var follower in _followers)
        {
            follower.AfterHeartbeat();
        }
    }

    /// <summary>One heartbeat; a failure is logged and the loop goes on.</summary>
    public void Tick()
    {
        try
        {
            var refuted = local.OutrankClaim();
            if (refuted is { } generation)
            {
                HeartbeatLog.ClaimOutranked(logger, generation);
            }

            if (!_pace.Due(cluster.Count) && refuted is null)
            {
                LastTickTimestamp = time.GetTimestamp();
                return; // not this interval: the sample is taken when the record goes out (rates span the whole stride)
            }

            var record = local.Publish(probe.Sample(), _pace.Stride);
            var encoded = RecordCodec.ToBytes(record);
            cluster.Merge(encoded);
            _pace.Published(encoded.Length);
            LastTickTimestamp = time.GetTimestamp();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException or InvalidOperationException)
        {
            HeartbeatLog.TickFailed(logger, ex);
        }
    }
}
