using Microsoft.Extensions.Logging.Testing;
using Psstd.Agent.Alerts.Delivery;
using Psstd.Agent.Configuration;

namespace Psstd.Tests.Alerts.Delivery;

/// <summary>Notices and notifiers for the delivery tests.</summary>
internal static class Webhooks
{
    public static readonly Guid NodeId = Guid.Parse("6f1c2a8e-0b7d-4e35-9a41-3c5d7e9f0a12");
    public static readonly DateTimeOffset Started = new(2026, 12, 5, 17, 0, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset Ended = new(2026, 12, 5, 17, 12, 30, 500, TimeSpan.Zero);

    /// <summary>Backoff of milliseconds on the real clock: retries happen at once, the bounds stay those of production.</summary>
    public static readonly WebhookDeliveryOptions Quick = WebhookDeliveryOptions.Default with
    {
        BaseDelay = TimeSpan.FromMilliseconds(1),
        MaxDelay = TimeSpan.FromMilliseconds(5),
    };

    public static AlertNotice Firing(string key = "cpu-high/6f1c2a8e", string node = "node-3") =>
        new("lab", key, "cpu-high", "critical", NodeId, node, AlertNotice.Firing, 95.2, "95.2 %", "cpu above 90 % for 5m", Started, null, "node-1");

    public static AlertNotice Resolved(string key = "cpu-high/6f1c2a8e") =>
        Firing(key) with { State = AlertNotice.Resolved, Value = 41.5, ValueText = "41.5 %", ResolvedAt = Ended };

    public static WebhookNotifier Notifier(
        Uri url,
        out AlertDeliveryMetrics metrics,
        out FakeLogger<WebhookNotifier> logger,
        AlertWebhookFormat format = AlertWebhookFormat.Psstd,
        AlertWebhookHeader? header = null,
        WebhookDeliveryOptions? options = null,
        TimeProvider? time = null)
    {
        metrics = new AlertDeliveryMetrics();
        logger = new FakeLogger<WebhookNotifier>();
        return new WebhookNotifier(new AlertWebhookSettings(url, format, header), options ?? Quick, metrics, time ?? TimeProvider.System, logger);
    }

    /// <summary>Log records with the given event id.</summary>
    public static IReadOnlyList<FakeLogRecord> Logged(this FakeLogger<WebhookNotifier> logger, int eventId) =>
        [.. logger.Collector.GetSnapshot().Where(r => r.Id.Id == eventId)];
}
