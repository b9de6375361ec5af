namespace Psstd.Agent.Alerts.Evaluation;

/// <summary>The state of one (rule, node) pair that is pending or firing; pairs that are neither have none.</summary>
internal sealed class AlertTrack(string key, long since, DateTimeOffset startedAt)
{
    public string Key { get; } = key;

    /// <summary>When the condition was first seen to hold, on the monotonic clock: what <c>for</c> is measured from.</summary>
    public long Since { get; } = since;

    public DateTimeOffset StartedAt { get; } = startedAt;

    /// <summary>Null while pending; the alert as it stands once firing.</summary>
    public ActiveAlert? Alert { get; set; }
}
