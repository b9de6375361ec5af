namespace Psstd.Agent.Configuration.Alerting;

/// <summary>The rules read from a file, and one line for each broken rule (no rules are used when there is any).</summary>
internal sealed record AlertRulesParseResult(IReadOnlyList<AlertRule> Rules, IReadOnlyList<string> Errors);
