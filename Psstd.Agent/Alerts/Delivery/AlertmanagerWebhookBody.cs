using System.Text.Json.Serialization;

namespace Psstd.Agent.Alerts.Delivery;

// The body Alertmanager's webhook_config posts (its version 4), so receivers written for Alertmanager take psstd's
// alerts unchanged. One file for the whole document: its parts mean nothing on their own.

/// <summary>One notification as Alertmanager would send it: a group of exactly one alert.</summary>
internal sealed record AlertmanagerWebhookBody(
    string Version,
    string GroupKey,
    int TruncatedAlerts,
    string Status,
    string Receiver,
    AlertmanagerGroupLabels GroupLabels,
    AlertmanagerLabels CommonLabels,
    AlertmanagerAnnotations CommonAnnotations,
    [property: JsonPropertyName("externalURL")] string ExternalUrl,
    IReadOnlyList<AlertmanagerAlert> Alerts);

/// <summary>One alert; <see cref="EndsAt"/> is Go's zero time while it fires.</summary>
internal sealed record AlertmanagerAlert(
    string Status,
    AlertmanagerLabels Labels,
    AlertmanagerAnnotations Annotations,
    string StartsAt,
    string EndsAt,
    [property: JsonPropertyName("generatorURL")] string GeneratorUrl,
    string Fingerprint);

/// <summary>The labels that say which alert this is and how bad.</summary>
internal sealed record AlertmanagerLabels(
    [property: JsonPropertyName("alertname")] string AlertName,
    string Node,
    string Severity,
    string Cluster);

/// <summary>What the notification is grouped by: the alert's identity, its severity left out.</summary>
internal sealed record AlertmanagerGroupLabels(
    [property: JsonPropertyName("alertname")] string AlertName,
    string Cluster,
    string Node);

/// <summary>Text for people: the one-line summary and the value with its unit.</summary>
internal sealed record AlertmanagerAnnotations(string Summary, string Value);
