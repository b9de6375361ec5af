using System.Text.Json;
using Psstd.Agent.Alerts.Delivery;
using Psstd.Agent.Configuration;
using Psstd.Tests.Support;

namespace Psstd.Tests.Alerts.Delivery;

/// <summary>The three bodies, as a real receiver gets them, and what hostile names do to them.</summary>
public sealed class WebhookBodyTests
{
    private static async Task<JsonElement> ReceivedBodyAsync(AlertNotice notice, AlertWebhookFormat format)
    {
        await using var receiver = await WebhookReceiver.StartAsync(WebhookReceiver.Always(200));
        using var notifier = Webhooks.Notifier(receiver.Url, out _, out _, format);

        Assert.Equal(DeliveryOutcome.Delivered, await notifier.DeliverAsync(notice, CancellationToken.None));
        var request = await receiver.NextAsync();
        Assert.Equal("application/json", request.Headers["Content-Type"]);
        return JsonDocument.Parse(request.Body).RootElement.Clone();
    }

    private static string[] Names(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    [Fact]
    public async Task PsstdBody_CarriesEveryField_AndTheOneLineText()
    {
        var body = await ReceivedBodyAsync(Webhooks.Firing(), AlertWebhookFormat.Psstd);

        Assert.Equal(
            ["cluster", "key", "rule", "severity", "node", "nodeId", "state", "value", "valueText", "condition", "startedAt", "resolvedAt", "sender", "text"],
            Names(body));
        Assert.Equal("lab", body.GetProperty("cluster").GetString());
        Assert.Equal("cpu-high/6f1c2a8e", body.GetProperty("key").GetString());
        Assert.Equal("cpu-high", body.GetProperty("rule").GetString());
        Assert.Equal("critical", body.GetProperty("severity").GetString());
        Assert.Equal("node-3", body.GetProperty("node").GetString());
        Assert.Equal(Webhooks.NodeId, body.GetProperty("nodeId").GetGuid());
        Assert.Equal("firing", body.GetProperty("state").GetString());
        Assert.Equal(95.2, body.GetProperty("value").GetDouble());
        Assert.Equal("95.2 %", body.GetProperty("valueText").GetString());
        Assert.Equal("cpu above 90 % for 5m", body.GetProperty("condition").GetString());
        Assert.Equal("2026-12-05T17:00:00Z", body.GetProperty("startedAt").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("resolvedAt").ValueKind);
        Assert.Equal("node-1", body.GetProperty("sender").GetString());
        Assert.Equal("[FIRING] cpu-high on node-3: 95.2 % (cpu above 90 % for 5m)", body.GetProperty("text").GetString());
    }

    [Fact]
    public async Task PsstdBody_Resolved_CarriesTheResolutionTime()
    {
        var body = await ReceivedBodyAsync(Webhooks.Resolved(), AlertWebhookFormat.Psstd);

        Assert.Equal("resolved", body.GetProperty("state").GetString());
        Assert.Equal("2026-12-05T17:12:30.5Z", body.GetProperty("resolvedAt").GetString());
        Assert.Equal("[RESOLVED] cpu-high on node-3: 41.5 % (cpu above 90 % for 5m)", body.GetProperty("text").GetString());
    }

    [Fact]
    public async Task SlackBody_IsTextOnly()
    {
        var body = await ReceivedBodyAsync(Webhooks.Firing(), AlertWebhookFormat.Slack);

        Assert.Equal(["text"], Names(body));
        Assert.Equal("[FIRING] cpu-high on node-3: 95.2 % (cpu above 90 % for 5m)", body.GetProperty("text").GetString());
    }

    [Fact]
    public async Task AlertmanagerBody_Firing_HasTheWebhookReceiverShape()
    {
        var body = await ReceivedBodyAsync(Webhooks.Firing(), AlertWebhookFormat.Alertmanager);

        Assert.Equal(
            ["version", "groupKey", "truncatedAlerts", "status", "receiver", "groupLabels", "commonLabels", "commonAnnotations", "externalURL", "alerts"],
            Names(body));
        Assert.Equal("4", body.GetProperty("version").GetString());
        Assert.Equal("{}:{alertname=\"cpu-high\", cluster=\"lab\", node=\"node-3\"}", body.GetProperty("groupKey").GetString());
        Assert.Equal(0, body.GetProperty("truncatedAlerts").GetInt32());
        Assert.Equal("firing", body.GetProperty("status").GetString());
        Assert.Equal("psstd", body.GetProperty("receiver").GetString());
        Assert.Equal("", body.GetProperty("externalURL").GetString());
        Assert.Equal("cpu-high", body.GetProperty("groupLabels").GetProperty("alertname").GetString());
        Assert.Equal("critical", body.GetProperty("commonLabels").GetProperty("severity").GetString());

        var alert = Assert.Single(body.GetProperty("alerts").EnumerateArray());
        Assert.Equal(["status", "labels", "annotations", "startsAt", "endsAt", "generatorURL", "fingerprint"], Names(alert));
        Assert.Equal("firing", alert.GetProperty("status").GetString());
        var labels = alert.GetProperty("labels");
        Assert.Equal(["alertname", "node", "severity", "cluster"], Names(labels));
        Assert.Equal("cpu-high", labels.GetProperty("alertname").GetString());
        Assert.Equal("node-3", labels.GetProperty("node").GetString());
        Assert.Equal("critical", labels.GetProperty("severity").GetString());
        Assert.Equal("lab", labels.GetProperty("cluster").GetString());
        Assert.Equal("[FIRING] cpu-high on node-3: 95.2 % (cpu above 90 % for 5m)", alert.GetProperty("annotations").GetProperty("summary").GetString());
        Assert.Equal("95.2 %", alert.GetProperty("annotations").GetProperty("value").GetString());
        Assert.Equal("2026-12-05T17:00:00Z", alert.GetProperty("startsAt").GetString());
        Assert.Equal("0001-01-01T00:00:00Z", alert.GetProperty("endsAt").GetString());
        Assert.Equal("cpu-high/6f1c2a8e", alert.GetProperty("fingerprint").GetString());
        Assert.Equal(DateTimeOffset.Parse("2026-12-05T17:00:00Z", System.Globalization.CultureInfo.InvariantCulture), alert.GetProperty("startsAt").GetDateTimeOffset());
    }

    [Fact]
    public async Task AlertmanagerBody_Resolved_EndsAtTheResolution()
    {
        var body = await ReceivedBodyAsync(Webhooks.Resolved(), AlertWebhookFormat.Alertmanager);

        Assert.Equal("resolved", body.GetProperty("status").GetString());
        var alert = Assert.Single(body.GetProperty("alerts").EnumerateArray());
        Assert.Equal("resolved", alert.GetProperty("status").GetString());
        Assert.Equal("2026-12-05T17:12:30.5Z", alert.GetProperty("endsAt").GetString());
    }

    [Fact]
    public void HostileNames_StayOneLine_AndCannotPingAChannel()
    {
        var notice = Webhooks.Firing(node: "<!channel>\n\u001b[31mevil\u202e&co");

        var slack = WebhookBody.Slack(notice).Text;
        var summary = NoticeText.Summary(notice);

        Assert.Equal("[FIRING] cpu-high on &lt;!channel&gt;??[31mevil?&amp;co: 95.2 % (cpu above 90 % for 5m)", slack);
        Assert.DoesNotContain('\n', summary);
        Assert.DoesNotContain('\u001b', summary);
        Assert.Equal(notice.Node, WebhookBody.Psstd(notice, Webhooks.Started).Node); // the structured field is kept whole: JSON escapes it
    }

    [Fact]
    public void LongNames_AreBounded()
    {
        var notice = Webhooks.Firing(node: new string('n', 100_000)) with { Condition = new string('c', 100_000) };

        var bytes = WebhookBody.Serialize(notice, AlertWebhookFormat.Psstd, Webhooks.Started);

        Assert.InRange(bytes.Length, 1, 4096);
    }

    [Fact]
    public void ValueThatIsNotANumber_IsWrittenAsNull()
    {
        var body = JsonDocument.Parse(WebhookBody.Serialize(Webhooks.Firing() with { Value = double.NaN }, AlertWebhookFormat.Psstd, Webhooks.Started)).RootElement;

        Assert.Equal(JsonValueKind.Null, body.GetProperty("value").ValueKind);
    }

    [Fact]
    public void ResolvedWithoutATime_EndsWhenSent()
    {
        var sent = new DateTimeOffset(2026, 12, 5, 18, 0, 0, TimeSpan.Zero);

        var body = WebhookBody.Alertmanager(Webhooks.Resolved() with { ResolvedAt = null }, sent);

        Assert.Equal("2026-12-05T18:00:00Z", body.Alerts[0].EndsAt);
    }

    [Fact]
    public void GroupKey_QuotesAsAlertmanagerDoes()
    {
        Assert.Equal("{}:{alertname=\"a\\\"b\", cluster=\"c\\\\d\", node=\"n\"}", WebhookBody.GroupKey(new AlertmanagerGroupLabels("a\"b", "c\\d", "n")));
    }
}
