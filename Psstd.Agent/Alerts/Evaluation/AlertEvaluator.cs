using Psstd.Agent.Configuration.Alerting;
using Psstd.Contracts;

namespace Psstd.Agent.Alerts.Evaluation;

/// <summary>
/// Turns the cluster as this agent sees it into alert transitions, one (rule, node) pair at a time:
/// ok, then pending once the condition holds, then firing once it has held for the rule's <c>for</c> on this
/// agent's monotonic clock, then resolved once the value is back past the clear threshold (or the node is
/// fresh again, left, forgotten or no longer listed). Each firing and each resolution is reported once.
/// </summary>
/// <remarks>
/// Pure: no I/O, time from the injected <see cref="TimeProvider"/>. State is kept only for pairs that are
/// pending or firing, so memory follows the alerts, not rules times nodes. <see cref="Observe"/> is called
/// from one loop; <see cref="Firing"/> may be read from any thread.
/// </remarks>
internal sealed class AlertEvaluator
{
    private readonly AlertRule[] _rules;
    private readonly string[] _conditions;
    private readonly TimeProvider _time;
    private readonly Dictionary<(int Rule, Guid Node), AlertTrack> _tracks = [];
    private readonly HashSet<Guid> _listed = [];
    private readonly List<(int Rule, Guid Node)> _unlisted = [];
    private ActiveAlert[] _firing = [];

    public AlertEvaluator(IReadOnlyList<AlertRule> rules, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(time);
        _rules = [.. rules];
        _conditions = [.. rules.Select(r => r.Describe())];
        _time = time;
    }

    /// <summary>Every alert firing now, most severe first, then by rule and node name.</summary>
    public IReadOnlyList<ActiveAlert> Firing => Volatile.Read(ref _firing);

    /// <summary>(Rule, node) pairs pending or firing: the only ones that hold state. Read it from the observing loop.</summary>
    public int Tracked => _tracks.Count;

    /// <summary>Judges every rule against every node listed; returns what started firing or resolved.</summary>
    /// <param name="nodes">The whole cluster as this agent sees it; a node missing from it is taken to be gone.</param>
    public IReadOnlyList<AlertTransition> Observe(IReadOnlyList<NodeSnapshot> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var step = new Step(_time.GetTimestamp(), _time.GetUtcNow());
        _listed.Clear();
        foreach (var node in nodes)
        {
            _listed.Add(node.Id);
            for (var r = 0; r < _rules.Length; r++)
            {
                Observe(r, node, ref step);
            }
        }

        foreach (var (pair, _) in _tracks)
        {
            if (!_listed.Contains(pair.Node))
            {
                _unlisted.Add(pair);
            }
        }

        foreach (var pair in _unlisted)
        {
            End(pair, "node no longer listed", ref step);
        }

        _unlisted.Clear();
        if (step.FiringChanged)
        {
            Volatile.Write(ref _firing, [.. _tracks.Values.Select(t => t.Alert).OfType<ActiveAlert>()
                .OrderByDescending(a => a.Severity).ThenBy(a => a.Rule, StringComparer.Ordinal).ThenBy(a => a.NodeName, StringComparer.Ordinal).ThenBy(a => a.NodeId)]);
        }

        return step.Transitions ?? (IReadOnlyList<AlertTransition>)[];
    }

    private void Observe(int r, NodeSnapshot node, ref Step step)
    {
        var rule = _rules[r];
        var pair = (r, node.Id);
        _tracks.TryGetValue(pair, out var track);
        if (!rule.AppliesTo(node.Name, node.Tags))
        {
            if (track is not null)
            {
                End(pair, "node no longer matches the rule's nodes or tags", ref step);
            }

            return;
        }

        var judgement = AlertJudgement.Judge(rule, node);
        if (track is null)
        {
            if (judgement.Verdict == AlertVerdict.Holds)
            {
                track = new AlertTrack(AlertKey.Of(rule.Name, node.Id, node.Generation, node.Sequence), step.Timestamp, step.Now, node.Generation);
                _tracks[pair] = track;
                FireIfDue(r, node, track, judgement.Value, ref step);
            }

            return;
        }

        if (track.Alert is null)
        {
            if (judgement.Verdict == AlertVerdict.Holds)
            {
                FireIfDue(r, node, track, judgement.Value, ref step);
            }
            else
            {
                _tracks.Remove(pair); // a pending condition must hold throughout
            }

            return;
        }

        switch (judgement.Verdict)
        {
            case AlertVerdict.Clear when rule.IsHealth && !ProvenAlive(track, node):
                break; // fresh for one version only so far: it may be a late copy of what a dead node sent last
            case AlertVerdict.Holds or AlertVerdict.Short:
                track.FreshSequence = null;
                var updated = Update(rule, track.Alert, node, judgement.Value);
                step.FiringChanged |= !ReferenceEquals(updated, track.Alert);
                track.Alert = updated;
                break;
            case AlertVerdict.Clear:
                track.Alert = Update(rule, track.Alert, node, judgement.Value);
                End(pair, ClearReason(rule, track.Alert), ref step);
                break;
            case AlertVerdict.Gone:
                End(pair, judgement.Reason, ref step);
                break;
            default:
                break; // unjudged: a firing alert waits for fresh values
        }
    }

    /// <summary>A node back under a new generation (a restart), or with a newer version than the first that looked fresh.</summary>
    private static bool ProvenAlive(AlertTrack track, NodeSnapshot node)
    {
        if (node.Generation != track.Generation)
        {
            return true;
        }

        track.FreshSequence ??= node.Sequence;
        return node.Sequence > track.FreshSequence;
    }

    private void FireIfDue(int r, NodeSnapshot node, AlertTrack track, double value, ref Step step)
    {
        var rule = _rules[r];
        if (_time.GetElapsedTime(track.Since, step.Timestamp) < rule.For)
        {
            return;
        }

        var (number, text) = Show(rule, value);
        track.Alert = new ActiveAlert(track.Key, rule.Name, rule.Severity, node.Id, node.Name, number, text, _conditions[r], track.StartedAt);
        step.Add(new AlertTransition(track.Alert, AlertState.Firing, step.Now, FiringReason(rule, track.Alert)));
    }

    /// <summary>Resolves the pair if it was firing, and forgets it either way.</summary>
    private void End((int Rule, Guid Node) pair, string reason, ref Step step)
    {
        if (_tracks.Remove(pair, out var track) && track.Alert is not null)
        {
            step.Add(new AlertTransition(track.Alert, AlertState.Resolved, step.Now, reason));
        }
    }

    private static ActiveAlert Update(AlertRule rule, ActiveAlert alert, NodeSnapshot node, double value)
    {
        var (number, text) = Show(rule, value);
        return number.Equals(alert.Value) && node.Name == alert.NodeName ? alert : alert with { Value = number, ValueText = text, NodeName = node.Name };
    }

    private static (double Value, string Text) Show(AlertRule rule, double value) =>
        rule.IsHealth ? (value, AlertFormat.Health((NodeHealth)(int)value)) : (value, AlertFormat.Value(rule.Unit, value));

    private static string FiringReason(AlertRule rule, ActiveAlert alert)
    {
        var duration = rule.For > TimeSpan.Zero ? $" for {AlertFormat.Duration(rule.For)}" : "";
        if (rule.IsHealth)
        {
            return $"node {alert.ValueText}{duration}";
        }

        var side = rule.Comparison == AlertComparison.Above ? "above" : "below";
        return $"{AlertMetrics.Name(rule.Metric)} {alert.ValueText}, {side} {AlertFormat.Threshold(rule.Unit, rule.Threshold)}{duration}";
    }

    private static string ClearReason(AlertRule rule, ActiveAlert alert)
    {
        if (rule.IsHealth)
        {
            return "node is fresh again";
        }

        var side = rule.Comparison == AlertComparison.Above ? "at or below" : "at or above";
        return $"{AlertMetrics.Name(rule.Metric)} {alert.ValueText}, {side} {AlertFormat.Threshold(rule.Unit, rule.Clear)}";
    }

    /// <summary>One call's clock readings and results.</summary>
    private struct Step(long timestamp, DateTimeOffset now)
    {
        public readonly long Timestamp = timestamp;
        public readonly DateTimeOffset Now = now;
        public List<AlertTransition>? Transitions;
        public bool FiringChanged;

        public void Add(AlertTransition transition)
        {
            (Transitions ??= []).Add(transition);
            FiringChanged = true;
        }
    }
}
