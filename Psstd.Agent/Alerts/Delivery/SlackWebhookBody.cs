namespace Psstd.Agent.Alerts.Delivery;

/// <summary>The body for a Slack incoming webhook (and the many chat tools that copy it): one line of text.</summary>
internal sealed record SlackWebhookBody(string Text);
