namespace Psstd.Agent.Alerts.Evaluation;

/// <summary>An alert starting to fire or resolving, once per occurrence.</summary>
/// <param name="At">This agent's wall clock at the transition.</param>
/// <param name="Reason">Why, in words: <c>cpu 95.2 %, above 90 % for 5m</c>, <c>node left</c>.</param>
internal sealed record AlertTransition(ActiveAlert Alert, AlertState State, DateTimeOffset At, string Reason);
