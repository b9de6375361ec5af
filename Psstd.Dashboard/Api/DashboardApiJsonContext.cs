using System.Text.Json;
using System.Text.Json.Serialization;
using Psstd.Contracts;

namespace Psstd.Dashboard.Api;

/// <summary>Source-generated JSON for the dashboard's read-only API; same conventions as the agent's local API.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ClusterSnapshot))]
[JsonSerializable(typeof(ClusterChange))]
[JsonSerializable(typeof(ApiError))]
public sealed partial class DashboardApiJsonContext : JsonSerializerContext;
