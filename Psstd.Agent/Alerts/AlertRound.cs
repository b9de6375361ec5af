using Psstd.Agent.Alerts.Delivery;
using Psstd.Agent.Alerts.Evaluation;
using Psstd.Agent.Alerts.Notifying;
using Psstd.Agent.Alerts.Silencing;
using Psstd.Agent.Configuration.Alerting;
using Psstd.Agent.Events;
using Psstd.Agent.Notices;
using Psstd.Contracts;

namespace Psstd.Agent.Alerts;

/// <summary>
/// One evaluation of the rules over the cluster as this agent sees it: every firing and resolution becomes an
/// event in this agent's store at once, and is sent by this agent when <see cref="NotifierChoice"/> names it
/// once the views have had time to agree (<see cref="DefaultSettle"/>). When a
/// firing alert's notifier stops being a candidate (it stopped or was cut off) and this agent takes over, it
/// sends the firing again under the same key, since it cannot know whether the last one did: delivery is at
/// least once, and the key lets a receiver drop the repeat. A firing that a running silence matches when it is
/// decided is held, on every agent, until the silence ends; the notifier of that moment then sends it. Its
/// resolution is sent only if its firing was. A notice a peer's record shows delivered
/// (<see cref="DeliveredNotices"/>) is not sent again, so a takeover after a delivery repeats nothing. Owned by
/// one loop; not thread-safe.
/// </summary>
internal sealed class AlertRound(
    AlertEvaluator evaluator,
    NotifierCandidates candidates,
    EventJournal journal,
    Func<AlertNotice, bool>? send,
    string cluster,
    Guid self,
    string selfName,
    TimeProvider time,
    TimeSpan settle)
{
    /// <summary>
    /// How long after a firing or a resolution the notifier is chosen: agents see a node die a second or two
    /// apart, and several nodes dying at once change the candidates while they do, so a choice made at once
    /// could differ from agent to agent. An alert that resolves within it is never sent.
    /// </summary>
    public static readonly TimeSpan DefaultSettle = TimeSpan.FromSeconds(5);

    private readonly Dictionary<string, Tracked> _tracked = [];
    private readonly List<(AlertTransition Resolution, long At)> _resolving = [];
    private readonly HashSet<string> _firing = [];
    private IReadOnlyList<NodeSnapshot> _nodes = [];

    /// <summary>Notifications this agent decided to send (firing, resolved and takeovers), with a webhook or without.</summary>
    public long Sent { get; private set; }

    /// <summary>Evaluates once; returns the alerts firing now, most severe and oldest first, each with its notifier's name.</summary>
    /// <param name="silences">The silences running in the cluster; those not <see cref="AlertSilence.Honoured"/> hold nothing.</param>
    public IReadOnlyList<FiringAlert> Run(IReadOnlyList<NodeSnapshot> nodes, IReadOnlyList<AlertSilence>? silences = null)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        silences ??= [];
        var now = time.GetTimestamp();
        candidates.Observe(nodes);
        _nodes = nodes;

        foreach (var transition in evaluator.Observe(nodes))
        {
            var key = transition.Alert.Key;
            journal.Add(Event(transition));
            if (transition.State == AlertState.Firing)
            {
                _tracked[key] = new Tracked(now);
            }
            else if (_tracked.Remove(key, out var tracked) && tracked.Notified)
            {
                // Its firing went out (from this agent or another): the resolution follows once views agree.
                _resolving.Add((transition, now));
            }
        }

        for (var i = _resolving.Count - 1; i >= 0; i--)
        {
            var (resolution, at) = _resolving[i];
            if (time.GetElapsedTime(at, now) >= settle)
            {
                _resolving.RemoveAt(i);
                if (NotifierOf(resolution.Alert) == self && !DeliveredElsewhere(resolution.Alert, AlertState.Resolved))
                {
                    Send(resolution.Alert, AlertState.Resolved, resolution.At);
                }
            }
        }

        _firing.Clear();
        var board = new List<FiringAlert>();
        Dictionary<Guid, string>? names = null;
        string NameOf(Guid id) => (names ??= nodes.ToDictionary(n => n.Id, n => n.Name)).GetValueOrDefault(id, "");
        foreach (var alert in evaluator.Firing)
        {
            _firing.Add(alert.Key);
            var notifier = NotifierOf(alert);
            if (!_tracked.TryGetValue(alert.Key, out var tracked))
            {
                tracked = _tracked[alert.Key] = new Tracked(now);
            }

            var silenced = AlertSilences.Match(silences, alert.Rule, alert.NodeName);
            if (!tracked.Decided)
            {
                if (time.GetElapsedTime(tracked.FiredAt, now) >= settle)
                {
                    tracked.Decided = true;
                    tracked.Held = silenced;
                    SendFiringIfNotHeld(alert, tracked, notifier);
                }
            }
            else if (tracked.Held)
            {
                // Held by a silence since it was decided: once none matches, the notifier of the moment sends it.
                tracked.Held = silenced;
                SendFiringIfNotHeld(alert, tracked, notifier);
            }
            else if (notifier == self
                && !silenced
                && !tracked.SentHere
                && tracked.Notifier != self
                && (tracked.Notifier is not { } last || !candidates.For(alert.NodeId).Contains(last))
                && !DeliveredElsewhere(alert, AlertState.Firing))
            {
                Send(alert, AlertState.Firing, resolvedAt: null);
                tracked.SentHere = true;
            }

            tracked.Notifier = notifier;

            board.Add(new FiringAlert(
                alert.Key,
                alert.Rule,
                SeverityName(alert.Severity),
                alert.NodeId,
                alert.NodeName,
                alert.ValueText,
                alert.Condition,
                alert.StartedAt,
                notifier is { } id ? NameOf(id) : "")
            {
                Silenced = silenced,
            });
        }

        if (_tracked.Count > _firing.Count)
        {
            foreach (var key in _tracked.Keys.Where(k => !_firing.Contains(k)).ToArray())
            {
                _tracked.Remove(key);
            }
        }

        board.Sort(static (a, b) => Rank(b.Severity).CompareTo(Rank(a.Severity)) is var bySeverity and not 0 ? bySeverity : a.Since.CompareTo(b.Since));
        return board;
    }

    /// <summary>At the decision, or when the silence holding it ends: the firing goes out, from this agent if it is the notifier.</summary>
    private void SendFiringIfNotHeld(ActiveAlert alert, Tracked tracked, Guid? notifier)
    {
        if (tracked.Held)
        {
            return;
        }

        tracked.Notified = true;
        if (notifier == self && !tracked.SentHere && !DeliveredElsewhere(alert, AlertState.Firing))
        {
            Send(alert, AlertState.Firing, resolvedAt: null);
            tracked.SentHere = true;
        }
    }

    /// <summary>A firing alert as this agent handles it: when it fired here, whether its notifier has been chosen, and who that was last.</summary>
    private sealed class Tracked(long firedAt)
    {
        public long FiredAt { get; } = firedAt;

        public bool Decided { get; set; }

        /// <summary>A silence held the firing when it was decided, and still does.</summary>
        public bool Held { get; set; }

        /// <summary>The firing went out, from this agent or the notifier this agent judged: its resolution will follow.</summary>
        public bool Notified { get; set; }

        public Guid? Notifier { get; set; }

        /// <summary>This agent sent the firing already: a takeover never makes it send it again.</summary>
        public bool SentHere { get; set; }
    }

    /// <summary>
    /// A peer's record lists the notice as delivered. Looked up only when this agent is about to send, which is rare,
    /// rather than gathered from every node each round.
    /// </summary>
    private bool DeliveredElsewhere(ActiveAlert alert, AlertState state)
    {
        var hash = DeliveredNotices.Hash(alert.Key, StateName(state));
        foreach (var node in _nodes)
        {
            if (!node.IsSelf && node.DeliveredNotices.Count > 0 && node.DeliveredNotices.Contains(hash))
            {
                return true;
            }
        }

        return false;
    }

    private static string StateName(AlertState state) => state == AlertState.Firing ? "firing" : "resolved";

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
            StateName(state),
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
