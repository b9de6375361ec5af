namespace Psstd.Agent.Alerts.Delivery;

/// <summary>
/// One notification to send: an alert that started firing or was resolved. <see cref="Key"/> names the alert (rule
/// and node) across the cluster and, with <see cref="State"/>, is the idempotency key receivers deduplicate on.
/// </summary>
/// <param name="Severity">info, warning or critical.</param>
/// <param name="State">firing or resolved.</param>
/// <param name="ValueText">The value as people read it, unit included (<c>95.2 %</c>).</param>
/// <param name="Condition">The rule in words (<c>cpu above 90 % for 5m</c>).</param>
/// <param name="Sender">Name of the agent sending.</param>
internal sealed record AlertNotice(
    string Cluster,
    string Key,
    string Rule,
    string Severity,
    Guid NodeId,
    string Node,
    string State,
    double Value,
    string ValueText,
    string Condition,
    DateTimeOffset StartedAt,
    DateTimeOffset? ResolvedAt,
    string Sender)
{
    public const string Firing = "firing";
    public const string Resolved = "resolved";

    public bool IsResolved => string.Equals(State, Resolved, StringComparison.Ordinal);
}
