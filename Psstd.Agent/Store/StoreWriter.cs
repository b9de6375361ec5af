using Microsoft.Data.Sqlite;
using Psstd.Agent.Configuration;
using Psstd.Agent.Events;
using Psstd.Agent.Heartbeat;
using Psstd.Agent.Identity;
using Psstd.Agent.Ticking;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;
using Psstd.ServiceDefaults.Hosting;

namespace Psstd.Agent.Store;

/// <summary>
/// The store's one writer. When the host starts (before gossip and the heartbeat), it opens the store
/// and loads the last known cluster into <see cref="ClusterState"/>; then, once a second, it judges
/// every node for events and commits what changed in one transaction: new records, one history sample
/// per node with a new sequence, and the events (its own and those waiting in the <see cref="EventJournal"/>). Once a minute it thins and trims history.
/// </summary>
/// <remarks>
/// With the default heartbeat interval (one second, the batch interval) the batch has no timer of its own: it
/// runs right after each heartbeat, in the heartbeat's work item (<see cref="IHeartbeatFollower"/>), which spares
/// the idle agent a timer wake-up and a pool worker's wake-up every second, and stores this node's new sample in
/// the batch that follows it rather than up to a second later. Any other interval keeps the writer's own timer,
/// so batches stay a second apart however often the node samples.
/// </remarks>
internal sealed class StoreWriter(
    AgentSettings settings,
    ClusterState cluster,
    NodeIdentity identity,
    StoreStatus status,
    TimeProvider time,
    EventJournal journal,
    ILogger<StoreWriter> logger) : BackgroundService, IHostedLifecycleService, IHeartbeatFollower
{
    public static readonly TimeSpan BatchInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaintainInterval = TimeSpan.FromMinutes(1);

    private readonly NodeEventDetector _events = new(time);
    private readonly Dictionary<Guid, RecordHeader> _written = [];
    private readonly List<ClusterEvent> _pendingEvents = [];

    // Every batch's rows, cleared and filled again each tick: a batch is committed before the next one starts.
    private readonly List<StoredNode> _nodes = [];
    private readonly List<HistorySample> _history = [];
    private readonly Lock _gate = new();
    private long _removalsSeen;
    private ClusterStore? _store;
    private DateTimeOffset _lastMaintain;

    /// <summary>Opens the store and restores the cluster from it; a file that is not ours stops the agent with one line.</summary>
    public Task StartingAsync(CancellationToken cancellationToken)
    {
        StartupGuard.OrExit("psstd-agent", () =>
        {
            Open();
            return true;
        });
        return Task.CompletedTask;
    }

    /// <summary>
    /// Opens the store and loads every stored node except this one into <see cref="ClusterState"/>, as old
    /// news (see <see cref="ClusterState.Restore"/>). The restored nodes are known to the event detector,
    /// so a restart reports no joins, only what changes from there.
    /// </summary>
    /// <exception cref="Psstd.Configuration.StartupConfigurationException">The file is not a usable psstd store.</exception>
    public void Open()
    {
        var store = ClusterStore.Open(settings.StateDirectory);
        var now = time.GetUtcNow();
        var restored = new List<ClusterEntry>();
        foreach (var node in store.LoadNodes())
        {
            if (node.Id == identity.Id)
            {
                continue;
            }

            var age = now > node.SeenAt ? now - node.SeenAt : TimeSpan.Zero;
            if (cluster.Restore(node.Encoded, age) is { } entry)
            {
                restored.Add(entry);
                _written[entry.Id] = entry.Header;
            }
            else if (cluster.Find(node.Id) is null)
            {
                StoreLog.RecordSkipped(logger, store.Path, node.Id);
            }
        }

        _events.Prime(restored);
        _store = store;
        _lastMaintain = now;
        status.RestoredNodes = restored.Count;
        status.MaxBytes = settings.MaxStoreBytes;
        status.Opened(store);
        var bytes = store.Size().TotalBytes;
        StoreLog.Opened(logger, store.Path, restored.Count, bytes);
    }

    /// <summary>Whether batches run after each heartbeat (its interval is the batch interval) rather than on a timer of their own.</summary>
    public bool FollowsHeartbeat => settings.Interval == BatchInterval;

    void IHeartbeatFollower.AfterHeartbeat()
    {
        if (FollowsHeartbeat)
        {
            Tick();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (FollowsHeartbeat)
        {
            return;
        }

        await Ticker.RunAsync(time, BatchInterval, Tick, stoppingToken);
    }

    /// <summary>One batch: events judged now, changed records and their samples, one transaction. A failure is logged; the batch is retried next tick.</summary>
    public void Tick()
    {
        // Uncontended but for one case: the heartbeat's loop outliving the host's stop timeout while the final
        // batch is written and the store closed (StoppedAsync). Only one batch at a time may use the connection.
        lock (_gate)
        {
            TickLocked();
        }
    }

    private void TickLocked()
    {
        if (_store is not { } store)
        {
            return;
        }

        var entries = cluster.Entries();
        _pendingEvents.AddRange(_events.Observe(entries));
        journal.DrainTo(_pendingEvents);
        var now = time.GetUtcNow();
        var nodes = _nodes;
        var history = _history;
        nodes.Clear();
        history.Clear();
        var removals = cluster.Removals;
        var removed = removals == _removalsSeen ? [] : Removed(entries);
        foreach (var entry in entries)
        {
            if (_written.TryGetValue(entry.Id, out var written) && written == entry.Header)
            {
                continue;
            }

            var record = entry.Decode();
            nodes.Add(new StoredNode(entry.Id, record.Name, entry.Encoded, now));
            history.Add(HistorySample.From(record, now));
        }

        try
        {
            store.Write(new StoreBatch(now, nodes, history, _pendingEvents, removed));
            status.Committed(time.GetTimestamp(), nodes.Count);
            _pendingEvents.Clear();
            foreach (var id in removed)
            {
                _written.Remove(id);
            }

            _removalsSeen = removals;

            foreach (var entry in entries)
            {
                _written[entry.Id] = entry.Header;
            }
        }
        catch (SqliteException ex)
        {
            status.Failed();
            StoreLog.WriteFailed(logger, ex);
        }

        if (now - _lastMaintain >= MaintainInterval)
        {
            Maintain(store, now);
        }
    }

    /// <summary>Nodes written before and no longer held: the cluster state let them go.</summary>
    private List<Guid> Removed(IReadOnlyList<ClusterEntry> entries)
    {
        var held = entries.Select(e => e.Id).ToHashSet();
        return [.. _written.Keys.Where(id => !held.Contains(id))];
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>The last batch goes out after the loop has stopped; then the store closes (a clean WAL checkpoint).</summary>
    public Task StoppedAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            TickLocked();
            status.Closed();
            _store?.Dispose();
            _store = null;
        }

        return Task.CompletedTask;
    }

    private void Maintain(ClusterStore store, DateTimeOffset now)
    {
        try
        {
            var trimmed = store.Maintain(now, settings.Retention, settings.MaxStoreBytes);
            _lastMaintain = now;
            if (trimmed > 0)
            {
                status.Trimmed(trimmed);
                StoreLog.Trimmed(logger, store.Path, trimmed, settings.MaxStoreBytes);
            }
        }
        catch (SqliteException ex)
        {
            StoreLog.MaintainFailed(logger, ex);
        }
    }
}
