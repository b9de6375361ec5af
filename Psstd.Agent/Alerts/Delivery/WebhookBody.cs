using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Psstd.Agent.Configuration;

namespace Psstd.Agent.Alerts.Delivery;

/// <summary>Builds the JSON body of one notification in the configured format (docs/alert-webhooks.md shows each).</summary>
internal static class WebhookBody
{
    /// <summary>Go's zero time: what Alertmanager puts in <c>endsAt</c> while an alert fires.</summary>
    public const string GoZeroTime = "0001-01-01T00:00:00Z";

    /// <summary>The receiver name Alertmanager bodies carry.</summary>
    public const string Receiver = "psstd";

    /// <summary>
    /// JSON escaping for a body, not for HTML: quotes and controls are escaped, other characters (non-ASCII names,
    /// <c>&lt;</c>, <c>+</c>) are written as they are, so the body reads as the docs show it.
    /// </summary>
    private static readonly WebhookJsonContext Context = new(new JsonSerializerOptions(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <param name="now">The resolution time of a resolved notice that carries none.</param>
    public static byte[] Serialize(AlertNotice notice, AlertWebhookFormat format, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return format switch
        {
            AlertWebhookFormat.Slack => JsonSerializer.SerializeToUtf8Bytes(Slack(notice), Context.SlackWebhookBody),
            AlertWebhookFormat.Alertmanager => JsonSerializer.SerializeToUtf8Bytes(Alertmanager(notice, now), Context.AlertmanagerWebhookBody),
            _ => JsonSerializer.SerializeToUtf8Bytes(Psstd(notice, now), Context.PsstdWebhookBody),
        };
    }

    public static PsstdWebhookBody Psstd(AlertNotice notice, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notice);
        return new PsstdWebhookBody(
            NoticeText.Bounded(notice.Cluster),
            NoticeText.Bounded(notice.Key),
            NoticeText.Bounded(notice.Rule),
            NoticeText.Bounded(notice.Severity),
            NoticeText.Bounded(notice.Node),
            notice.NodeId,
            State(notice),
            double.IsFinite(notice.Value) ? notice.Value : null,
            NoticeText.Bounded(notice.ValueText),
            NoticeText.Bounded(notice.Condition),
            NoticeText.Rfc3339(notice.StartedAt),
            notice.IsResolved ? NoticeText.Rfc3339(notice.ResolvedAt ?? now) : null,
            NoticeText.Bounded(notice.Sender),
            NoticeText.ForSlack(NoticeText.Summary(notice)));
    }

    public static SlackWebhookBody Slack(AlertNotice notice) => new(NoticeText.ForSlack(NoticeText.Summary(notice)));

    public static AlertmanagerWebhookBody Alertmanager(AlertNotice notice, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var state = State(notice);
        var labels = new AlertmanagerLabels(
            NoticeText.Bounded(notice.Rule), NoticeText.Bounded(notice.Node), NoticeText.Bounded(notice.Severity), NoticeText.Bounded(notice.Cluster));
        var group = new AlertmanagerGroupLabels(labels.AlertName, labels.Cluster, labels.Node);
        var annotations = new AlertmanagerAnnotations(NoticeText.Summary(notice), NoticeText.Printable(notice.ValueText, 64));
        var alert = new AlertmanagerAlert(
            state,
            labels,
            annotations,
            NoticeText.Rfc3339(notice.StartedAt),
            notice.IsResolved ? NoticeText.Rfc3339(notice.ResolvedAt ?? now) : GoZeroTime,
            "",
            NoticeText.Bounded(notice.Key));
        return new AlertmanagerWebhookBody("4", GroupKey(group), 0, state, Receiver, group, labels, annotations, "", [alert]);
    }

    /// <summary>Alertmanager's shape of a group key, route then group labels: <c>{}:{alertname="cpu-high", cluster="lab", node="node-3"}</c>.</summary>
    public static string GroupKey(AlertmanagerGroupLabels group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return $"{{}}:{{alertname={Quoted(group.AlertName)}, cluster={Quoted(group.Cluster)}, node={Quoted(group.Node)}}}";
    }

    /// <summary>Firing unless the notice says resolved, so a receiver never sees a third state.</summary>
    private static string State(AlertNotice notice) => notice.IsResolved ? AlertNotice.Resolved : AlertNotice.Firing;

    private static string Quoted(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            _ = c switch
            {
                '"' => builder.Append("\\\""),
                '\\' => builder.Append("\\\\"),
                '\n' => builder.Append("\\n"),
                _ when char.IsControl(c) => builder.Append('?'),
                _ => builder.Append(c),
            };
        }

        return builder.Append('"').ToString();
    }
}
