// TEMPORARY: stands in for the helpers' branches until they merge. Not to be committed.
#pragma warning disable CS9113, CA1822
using Psstd.Contracts;
namespace Psstd.Agent.Alerts.Evaluation
{
    public enum AlertSeverity { Info, Warning, Critical }
    public sealed record ActiveAlert(string Key, string Rule, AlertSeverity Severity, Guid NodeId, string NodeName, double Value, string ValueText, string Condition, DateTimeOffset StartedAt);
    public enum AlertState { Firing, Resolved }
    public sealed record AlertTransition(ActiveAlert Alert, AlertState State, DateTimeOffset At, string Reason);
    internal sealed class AlertEvaluator(IReadOnlyList<Rules.AlertRule> rules, TimeProvider time)
    {
        public IReadOnlyList<ActiveAlert> Firing => [];
        public IReadOnlyList<AlertTransition> Observe(IReadOnlyList<NodeSnapshot> nodes) => [];
    }
}
namespace Psstd.Agent.Alerts.Rules
{
    public sealed record AlertRule(string Name, TimeSpan For);
}
namespace Psstd.Agent.Alerts.Delivery
{
    internal sealed record AlertNotice(
        string Cluster, string Key, string Rule, string Severity, Guid NodeId, string Node,
        string State, double Value, string ValueText, string Condition,
        DateTimeOffset StartedAt, DateTimeOffset? ResolvedAt, string Sender);
    internal sealed class WebhookNotifier { public bool TryEnqueue(AlertNotice notice) => true; }
}
