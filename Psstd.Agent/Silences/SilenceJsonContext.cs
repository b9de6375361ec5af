using System.Text.Json.Serialization;

namespace Psstd.Agent.Silences;

/// <summary>One silence as <c>silences.json</c> keeps it across restarts.</summary>
internal sealed record SavedSilence(Guid Id, string Rule, string Node, string Comment, DateTimeOffset Ends);

[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(SavedSilence[]))]
internal sealed partial class SilenceJsonContext : JsonSerializerContext;
