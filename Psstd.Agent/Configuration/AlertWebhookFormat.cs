namespace Psstd.Agent.Configuration;

/// <summary>The JSON body an alert webhook receives (<c>PSSTD_ALERT_WEBHOOK_FORMAT</c>, docs/alert-webhooks.md).</summary>
internal enum AlertWebhookFormat
{
    /// <summary>psstd's own body: every field of the alert, and a one-line <c>text</c> that Slack-style webhooks show.</summary>
    Psstd,

    /// <summary>Only <c>text</c>, for incoming webhooks that refuse fields they do not know.</summary>
    Slack,

    /// <summary>The body Alertmanager's webhook receiver posts, so receivers written for it take psstd's alerts.</summary>
    Alertmanager,
}
