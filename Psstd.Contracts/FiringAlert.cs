namespace Psstd.Contracts;

/// <summary>An alert firing now, as this agent's rules judge the cluster; part of <see cref="ClusterSnapshot.Alerts"/>.</summary>
/// <param name="Key">The alert's idempotency key: every agent that saw the same records computes the same one.</param>
/// <param name="Severity">info, warning or critical.</param>
/// <param name="Value">The value that fired it, for people: "95.2 %", "offline".</param>
/// <param name="Condition">The rule in words: "cpu above 90 % for 5m".</param>
/// <param name="Since">When this agent saw the condition begin, on its wall clock: for display only.</param>
/// <param name="Notifier">The name of the agent that sends this alert's notifications, as this agent judges it; empty when none is chosen.</param>
public sealed record FiringAlert(
    string Key,
    string Rule,
    string Severity,
    Guid NodeId,
    string NodeName,
    string Value,
    string Condition,
    DateTimeOffset Since,
    string Notifier)
{
    /// <summary>A running silence matches the alert: its notifications are held until the silence ends.</summary>
    public bool Silenced { get; init; }
}
