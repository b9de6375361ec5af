namespace Psstd.Agent.Alerts.Evaluation;

/// <summary>The state of one (rule, node) pair that is pending or firing; pairs that are neither have none.</summary>
internal sealed class AlertTrack(string key, long since, DateTimeOffset startedAt, long generation)
{
    /// <summary>The node's generation when the condition was first seen: a newer one is a restart.</summary>
    public long Generation { get; } = generation;

    /// <summary>
    /// Health rules: the sequence of the first version that looked fresh while firing; null while it does not.
    /// A dead node can look fresh once, when a copy of its last record reaches this agent late; only a later
    /// version proves it alive.
    /// </summary>
    public long? FreshSequence { get; set; }

    public string Key { get; } = key;

    /// <summary>When the condition was first seen to hold, on the monotonic clock: what <c>for</c> is measured from.</summary>
    public long Since { get; } = since;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>Null while pending; the alert as it stands once firing.</summary>
    public ActiveAlert? Alert { get; set; }
}
