using System.Text.Json;
using System.Text.Json.Serialization;

namespace Psstd.Contracts;

/// <summary>Source-generated JSON for the local API, used by the agent to write and the dashboard to read.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ClusterSnapshot))]
[JsonSerializable(typeof(NodeHistory))]
[JsonSerializable(typeof(HistoryPoint))]
[JsonSerializable(typeof(ClusterEventList))]
[JsonSerializable(typeof(GossipContactList))]
[JsonSerializable(typeof(AgentStatus))]
public sealed partial class LocalApiJsonContext : JsonSerializerContext;
