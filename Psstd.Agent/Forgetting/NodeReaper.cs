using Psstd.Agent.Configuration;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;

namespace Psstd.Agent.Forgetting;

/// <summary>
/// Forgets nodes that stayed offline (or left) longer than <see cref="AgentSettings.Reap"/>, judged on this
/// agent's monotonic clock from the last sign of life it had (a new version or an answered probe); lets go
/// of tombstones that did their work (<see cref="TombstoneKept"/>) and, when the state nears its node cap,
/// of the nodes gone longest, so memory and store stay bounded.
/// </summary>
/// <remarks>
/// Reaping is a local decision: every agent judges the same silence and reaches it by itself, within a
/// few seconds of the others. Its <see cref="Tombstone.Reaped"/> still enters the relay like any new
/// version, which costs little (agents that reaped already hold the same bytes and drop the copy) and
/// brings along a peer that held the node's last record from elsewhere, such as a store loaded at start.
/// It is never sent to every peer as an operator's forget is: nothing depends on it arriving, and it
/// cannot bury a node someone still hears, because any newer sequence outranks it.
/// </remarks>
internal sealed class NodeReaper(
    ClusterState cluster, GossipEngine engine, AgentSettings settings, Guid selfId, TimeProvider time, ILogger<NodeReaper> logger) : BackgroundService
{
    /// <summary>How often the cluster is scanned: a small fraction of any sensible reap time.</summary>
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a tombstone is held before its node is let go entirely: long after any copy of the node's
    /// records is judged offline everywhere (every agent judges TTLs at most 4 times its own), so nothing still
    /// circulating can bring it back; a record of it that comes later is a node that runs again.
    /// </summary>
    public static readonly TimeSpan TombstoneKept = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(CheckEvery, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            Tick();
        }
    }

    /// <summary>One scan; returns how many nodes it forgot.</summary>
    public int Tick()
    {
        var now = time.GetTimestamp();
        var reaped = 0;
        var entries = cluster.Entries();
        LetGo(entries, now);
        foreach (var entry in entries)
        {
            if (entry.Id == selfId
                || NodeHealthJudge.Judge(entry, time) is not (NodeHealth.Offline or NodeHealth.Left)
                || time.GetElapsedTime(entry.AliveTimestamp, now) < settings.Reap)
            {
                continue;
            }

            if (engine.Spread(Tombstone.Reaped(entry), toEveryLivePeer: false) != MergeOutcome.Ignored)
            {
                reaped++;
                var name = entry.Decode().Name;
                ForgettingLog.Reaped(logger, name, entry.Id, entry.Header.Generation, settings.Reap);
            }
        }

        return reaped;
    }

    /// <summary>Removes tombstones held past <see cref="TombstoneKept"/> and, above nine tenths of the node cap, the nodes gone longest.</summary>
    private void LetGo(IReadOnlyList<ClusterEntry> entries, long now)
    {
        foreach (var entry in entries)
        {
            if (entry.Header.Forgotten && time.GetElapsedTime(entry.SeenTimestamp, now) >= TombstoneKept && cluster.Remove(entry.Id))
            {
                ForgettingLog.TombstoneDone(logger, entry.Id);
            }
        }

        if (cluster.Count * 10L <= cluster.MaxNodes * 9L)
        {
            return;
        }

        var excess = cluster.Count - (int)(cluster.MaxNodes * 8L / 10);
        var gone = entries
            .Where(e => e.Id != selfId && cluster.Find(e.Id) is not null && !NodeHealthJudge.IsLive(NodeHealthJudge.Judge(e, time)))
            .OrderBy(e => e.AliveTimestamp)
            .Take(excess);
        foreach (var entry in gone)
        {
            if (cluster.Remove(entry.Id))
            {
                ForgettingLog.MadeRoom(logger, entry.Id, cluster.MaxNodes);
            }
        }
    }
}
