using Psstd.Agent.Configuration.Alerting;

namespace Psstd.Agent.Alerts.Evaluation;

/// <summary>One alert of one rule about one node, as it stands.</summary>
/// <param name="Key">
/// The same on every agent for the same occurrence (see <see cref="AlertKey"/>), so whoever sends or stores it
/// can tell a repeat from a new alert.
/// </param>
/// <param name="Value">The latest value judged, in the metric's unit; for a health rule, the <see cref="Psstd.Contracts.NodeHealth"/> as a number.</param>
/// <param name="ValueText">The value for people: <c>95.2 %</c>, <c>load 3.10 per core</c>, <c>12.3 MB/s</c>, <c>offline</c>.</param>
/// <param name="Condition">The rule in words: <c>cpu above 90 % for 5m</c>.</param>
/// <param name="StartedAt">This agent's wall clock when it first saw the condition hold; for display only.</param>
internal sealed record ActiveAlert(
    string Key,
    string Rule,
    AlertSeverity Severity,
    Guid NodeId,
    string NodeName,
    double Value,
    string ValueText,
    string Condition,
    DateTimeOffset StartedAt);
