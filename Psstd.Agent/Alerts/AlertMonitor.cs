using Psstd.Agent.Alerts.Delivery;
using Psstd.Agent.Alerts.Evaluation;
using Psstd.Agent.Alerts.Notifying;
using Psstd.Agent.Configuration.Alerting;
using Psstd.Agent.Configuration;
using Psstd.Agent.Events;
using Psstd.Agent.Heartbeat;
using Psstd.Agent.Snapshots;
using Psstd.Gossip.Cluster;

namespace Psstd.Agent.Alerts;

/// <summary>
/// Runs an <see cref="AlertRound"/> once a second and publishes what fires on the <see cref="AlertBoard"/>.
/// Rules are first judged one node TTL after start: until then the nodes restored from the store have not
/// been heard from, and would look offline.
/// </summary>
internal sealed class AlertMonitor(
    AgentSettings settings,
    IReadOnlyList<AlertRule> rules,
    ClusterState cluster,
    LocalNode local,
    EventJournal journal,
    AlertBoard board,
    WebhookNotifier? webhook,
    TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    private readonly long _started = time.GetTimestamp();
    private AlertRound? _round;

    /// <summary>
    /// How long a node must have watched the cluster before it is handed alerts: the settling time before rules
    /// are judged (a TTL), the longest <c>for</c>, the time a notifier waits before choosing
    /// (<see cref="AlertRound.DefaultSettle"/>), and one TTL more, so that whatever a (re)started agent's rules find
    /// firing has fired and been decided in its own view before any agent can choose it.
    /// </summary>
    public static TimeSpan WarmUp(AgentSettings settings, IReadOnlyList<AlertRule> rules)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(rules);
        return (settings.Ttl * 2) + rules.Select(r => r.For).DefaultIfEmpty(TimeSpan.Zero).Max() + AlertRound.DefaultSettle;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (rules.Count == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(Period, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            Tick();
        }
    }

    /// <summary>One evaluation, once the agent has settled.</summary>
    public void Tick()
    {
        if (time.GetElapsedTime(_started) < settings.Ttl)
        {
            return;
        }

        var self = local.Current;
        _round ??= new AlertRound(
            new AlertEvaluator(rules, time),
            new NotifierCandidates(time, WarmUp(settings, rules)),
            journal,
            webhook is null ? null : webhook.TryEnqueue,
            settings.Cluster,
            self.Id,
            self.Name,
            time,
            AlertRound.DefaultSettle);
        var snapshot = ClusterSnapshotFactory.Create(settings.Cluster, self, local.PublishStride, cluster.Entries(), seen => time.GetElapsedTime(seen), settings.GossipUnauthenticated);
        board.Publish(_round.Run(snapshot.Nodes, snapshot.Silences));
    }
}
