using Psstd.Contracts;

namespace Psstd.Agent.Alerts.Notifying;

/// <summary>
/// The agents that may notify, as this agent judges them: nodes heard from (fresh or stale, not suspect, offline
/// or gone) without a break for the <see cref="WarmUp"/> in their current generation, this agent once it has run
/// that long. A node that has just (re)started has not yet
/// watched the cluster for as long as the longest rule's <c>for</c>, so it would not know an alert is firing:
/// it is not handed alerts until it could. When no agent qualifies (the whole cluster just started), every
/// live one does. The subject of an alert never notifies about itself: a node back from an outage does not
/// know it was the subject of one. Only agents that run the same rules and webhook as this one
/// (<see cref="NodeSnapshot.AlertsFingerprint"/>) are candidates: an agent without rules, or with other rules, would
/// not send what this one expects it to. Owned by one loop; not thread-safe.
/// </summary>
internal sealed class NotifierCandidates(TimeProvider time, TimeSpan warmUp)
{
    private readonly Dictionary<Guid, (long Generation, long Since)> _freshSince = [];
    private readonly HashSet<Guid> _seen = [];
    private readonly List<Guid> _qualified = [];
    private readonly List<Guid> _fresh = [];
    private readonly long _started = time.GetTimestamp();

    public TimeSpan WarmUp { get; } = warmUp;

    /// <summary>Updates who has been fresh since when, from this agent's view of the cluster now.</summary>
    public void Observe(IReadOnlyList<NodeSnapshot> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var now = time.GetTimestamp();
        _seen.Clear();
        _qualified.Clear();
        _fresh.Clear();
        var fingerprint = nodes.FirstOrDefault(n => n.IsSelf)?.AlertsFingerprint ?? "";
        foreach (var node in nodes)
        {
            // Stale is a late record, not a verdict: a brief delay must not hand a node's alerts to another.
            if (node.Health is not (NodeHealth.Fresh or NodeHealth.Stale) || !string.Equals(node.AlertsFingerprint, fingerprint, StringComparison.Ordinal))
            {
                continue;
            }

            _seen.Add(node.Id);
            _fresh.Add(node.Id);
            // A new generation is a restart: its watch starts again, even if the node never looked unwell.
            var since = node.IsSelf ? _started
                : _freshSince.TryGetValue(node.Id, out var known) && known.Generation == node.Generation ? known.Since
                : now;
            _freshSince[node.Id] = (node.Generation, since);
            if (time.GetElapsedTime(since, now) >= WarmUp)
            {
                _qualified.Add(node.Id);
            }
        }

        if (_freshSince.Count > _seen.Count)
        {
            foreach (var id in _freshSince.Keys.Where(id => !_seen.Contains(id)).ToArray())
            {
                _freshSince.Remove(id);
            }
        }
    }

    /// <summary>The candidates for an alert about <paramref name="subject"/>: the qualified agents, or every live one when none qualifies.</summary>
    public IEnumerable<Guid> For(Guid subject)
    {
        var pool = _qualified.Any(id => id != subject) ? _qualified : _fresh;
        return pool.Where(id => id != subject);
    }
}
