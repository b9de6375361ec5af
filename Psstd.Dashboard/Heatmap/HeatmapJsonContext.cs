using System.Text.Json;
using System.Text.Json.Serialization;

namespace Psstd.Dashboard.Heatmap;

/// <summary>Source-generated JSON for the heatmap stream's events.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(HeatmapUpdate))]
public sealed partial class HeatmapJsonContext : JsonSerializerContext;
