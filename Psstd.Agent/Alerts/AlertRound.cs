using Psstd.Agent.Alerts.Delivery;
using Psstd.Agent.Alerts.Evaluation;
using Psstd.Agent.Alerts.Notifying;
using Psstd.Agent.Configuration.Alerting;
using Psstd.Agent.Events;
using Psstd.Contracts;

namespace Psstd.Agent.Alerts;

/// <summary>
/// One evaluation of the rules over the cluster as this agent sees it: every firing and resolution becomes an
/// event in this agent's store, and is sent by this agent when <see cref="NotifierChoice"/> names it. When a
/// firing alert's notifier stops being a candidate (it stopped or was cut off) and this agent takes over, it
/// sends the firing again under the same key, since it cannot know whether the last one did: delivery is at
/// least once, and the key lets a receiver drop the repeat. Owned by one loop; not thread-safe.
/// </summary>
internal sealed class AlertRound(
    AlertEvaluator evaluator,
    NotifierCandidates candidates,
    EventJournal journal,
    Func<AlertNotice, bool>? send,
    string cluster,
    Guid self,
    string selfName)
{
    private readonly Dictionary<string, Guid?> _notifiers = [];
    private readonly HashSet<string> _firing = [];

    /// <summary>Notifications this agent decided to send (firing, resolved and takeovers), with a webhook or without.</summary>
    public long Sent { get; private set; }

    /// <summary>Evaluates once; returns the alerts firing now, most severe and oldest first, each with its notifier's name.</summary>
    public IReadOnlyList<FiringAlert> Run(IReadOnlyList<NodeSnapshot> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        candidates.Observe(nodes);
        var transitions = evaluator.Observe(nodes);
        var justFired = new HashSet<string>(StringComparer.Ordinal);
        foreach (var transition in transitions)
        {
            var alert = transition.Alert;
            journal.Add(Event(transition));
            var notifier = NotifierOf(alert);
            if (transition.State == AlertState.Firing)
            {
                justFired.Add(alert.Key);
                _notifiers[alert.Key] = notifier;
            }
            else
            {
                _notifiers.Remove(alert.Key);
            }

            if (notifier == self)
            {
                Send(alert, transition.State, transition.State == AlertState.Resolved ? transition.At : null);
            }
        }

        _firing.Clear();
        var board = new List<FiringAlert>();
        foreach (var alert in evaluator.Firing)
        {
            _firing.Add(alert.Key);
            var notifier = NotifierOf(alert);
            if (notifier == self
                && !justFired.Contains(alert.Key)
                && _notifiers.TryGetValue(alert.Key, out var before)
                && before != self
                && (before is not { } last || !candidates.For(alert.NodeId).Contains(last)))
            {
                Send(alert, AlertState.Firing, resolvedAt: null);
            }

            _notifiers[alert.Key] = notifier;
            board.Add(new FiringAlert(
                alert.Key,
                alert.Rule,
                SeverityName(alert.Severity),
                alert.NodeId,
                alert.NodeName,
                alert.ValueText,
                alert.Condition,
                alert.StartedAt,
                notifier is { } id ? nodes.FirstOrDefault(n => n.Id == id)?.Name ?? "" : ""));
        }

        if (_notifiers.Count > _firing.Count)
        {
            foreach (var key in _notifiers.Keys.Where(k => !_firing.Contains(k)).ToArray())
            {
                _notifiers.Remove(key);
            }
        }

        board.Sort(static (a, b) => Rank(b.Severity).CompareTo(Rank(a.Severity)) is var bySeverity and not 0 ? bySeverity : a.Since.CompareTo(b.Since));
        return board;
    }

    private Guid? NotifierOf(ActiveAlert alert) => NotifierChoice.Choose(alert.Rule, alert.NodeId, candidates.For(alert.NodeId));

    private void Send(ActiveAlert alert, AlertState state, DateTimeOffset? resolvedAt)
    {
        Sent++;
        send?.Invoke(new AlertNotice(
            cluster,
            alert.Key,
            alert.Rule,
            SeverityName(alert.Severity),
            alert.NodeId,
            alert.NodeName,
            state == AlertState.Firing ? "firing" : "resolved",
            alert.Value,
            alert.ValueText,
            alert.Condition,
            alert.StartedAt,
            resolvedAt,
            selfName));
    }

    private static ClusterEvent Event(AlertTransition transition)
    {
        var alert = transition.Alert;
        return transition.State == AlertState.Firing
            ? new ClusterEvent(transition.At, alert.NodeId, alert.NodeName, ClusterEventKind.AlertFiring, $"{alert.Rule} ({SeverityName(alert.Severity)}): {alert.ValueText}, {alert.Condition}")
            : new ClusterEvent(transition.At, alert.NodeId, alert.NodeName, ClusterEventKind.AlertResolved, $"{alert.Rule}: {transition.Reason}");
    }

    public static string SeverityName(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => "critical",
        AlertSeverity.Info => "info",
        _ => "warning",
    };

    private static int Rank(string severity) => severity switch
    {
        "critical" => 2,
        "warning" => 1,
        _ => 0,
    };
}
