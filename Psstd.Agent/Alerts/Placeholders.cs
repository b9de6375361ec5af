// TEMPORARY: stands in for the helpers' branches until they merge. Not to be committed.
#pragma warning disable CS9113, CA1822, IDE0161
using Psstd.Contracts;
namespace Psstd.Agent.Alerts.Delivery
{
    internal sealed record AlertNotice(
        string Cluster, string Key, string Rule, string Severity, Guid NodeId, string Node,
        string State, double Value, string ValueText, string Condition,
        DateTimeOffset StartedAt, DateTimeOffset? ResolvedAt, string Sender);
    internal sealed class WebhookNotifier { public bool TryEnqueue(AlertNotice notice) => true; }
}
