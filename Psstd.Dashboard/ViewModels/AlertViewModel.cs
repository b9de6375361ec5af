namespace Psstd.Dashboard.ViewModels;

/// <summary>One firing alert as the cluster page lists it.</summary>
/// <param name="Severity">info, warning or critical: also the CSS hook.</param>
/// <param name="NodePageUrl">The node's page on this dashboard.</param>
/// <param name="SinceIso">When the agent saw it begin, ISO 8601 for the <c>time</c> element.</param>
/// <param name="Notifier">The agent that sends its notifications; empty when none is chosen.</param>
/// <param name="Silenced">A running silence holds its notifications back.</param>
public sealed record AlertViewModel(
    string Severity,
    string Rule,
    string Node,
    string NodePageUrl,
    string Value,
    string Condition,
    string SinceIso,
    string Notifier,
    bool Silenced = false);
