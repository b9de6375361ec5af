using System.Text.Json;
using System.Text.Json.Serialization;

namespace Psstd.Agent.Alerts.Delivery;

/// <summary>Source-generated JSON for the webhook bodies: the agent is published NativeAOT, so no reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(PsstdWebhookBody))]
[JsonSerializable(typeof(SlackWebhookBody))]
[JsonSerializable(typeof(AlertmanagerWebhookBody))]
internal sealed partial class WebhookJsonContext : JsonSerializerContext;
