using Psstd.Agent.Heartbeat;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;

namespace Psstd.Agent.Gossip;

/// <summary>
/// On a graceful stop (SIGTERM, Ctrl+C), publishes this node's last record, marked left, and sends it
/// at once, before the gossip socket closes: peers show "left" within a round or two instead of
/// waiting a TTL for "offline".
/// </summary>
internal sealed class GossipLeave(LocalNode local, ClusterState cluster, GossipEngine engine) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
    {
        cluster.Merge(RecordCodec.ToBytes(local.Leave()));
        engine.AnnounceLeave();
        return Task.CompletedTask;
    }
}
