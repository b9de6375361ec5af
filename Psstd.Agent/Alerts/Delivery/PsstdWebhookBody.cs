namespace Psstd.Agent.Alerts.Delivery;

/// <summary>
/// psstd's own webhook body: every field of the alert, and <see cref="Text"/> so that Slack-style incoming webhooks,
/// which read only <c>text</c>, show it too. <see cref="Value"/> is null when the measured value is not a finite number.
/// </summary>
internal sealed record PsstdWebhookBody(
    string Cluster,
    string Key,
    string Rule,
    string Severity,
    string Node,
    Guid NodeId,
    string State,
    double? Value,
    string ValueText,
    string Condition,
    string StartedAt,
    string? ResolvedAt,
    string Sender,
    string Text);
