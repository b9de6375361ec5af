using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Psstd.Bench.Simulation;

/// <summary>What one run measured; printed as the last line of <c>sim</c>, one JSON object.</summary>
public sealed record SimReport
{
    [JsonPropertyName("nodes")] public int Nodes { get; init; }
    [JsonPropertyName("seconds")] public int Seconds { get; init; }
    [JsonPropertyName("scenario")] public string Scenario { get; init; } = "";
    [JsonPropertyName("loss")] public double Loss { get; init; }
    [JsonPropertyName("delay_ms")] public double DelayMs { get; init; }
    [JsonPropertyName("seed")] public int Seed { get; init; }

    /// <summary>The window over which the nodes started (0: all at once); measuring begins 10 s after it.</summary>
    [JsonPropertyName("ramp_s")] public double RampSeconds { get; init; }

    /// <summary>Age of every live peer's record at every live observer, sampled once per simulated second after warm-up.</summary>
    [JsonPropertyName("p50_age_s")] public double P50AgeSeconds { get; init; }
    [JsonPropertyName("p99_age_s")] public double P99AgeSeconds { get; init; }
    [JsonPropertyName("max_age_s")] public double MaxAgeSeconds { get; init; }

    /// <summary>Views of a healthy node (observer and observed both up) that showed it offline.</summary>
    [JsonPropertyName("false_offline_share")] public double FalseOfflineShare { get; init; }

    /// <summary>Views of a healthy node that showed it suspect.</summary>
    [JsonPropertyName("false_suspect_share")] public double FalseSuspectShare { get; init; }

    /// <summary>Views of a healthy node that did not know it at all.</summary>
    [JsonPropertyName("missing_share")] public double MissingShare { get; init; }

    /// <summary>
    /// Seconds from the last node's start until every started node first held every other one (checked
    /// every 0.1 s); infinite when that never happened (in kill, leave and partition: before the event).
    /// </summary>
    [JsonPropertyName("known_by_all_s")] public double KnownByAllSeconds { get; init; }

    /// <summary>Kill: p99 over victims of the time until every live observer showed them suspect or offline.</summary>
    [JsonPropertyName("detect_p99_s")] public double? DetectP99Seconds { get; init; }

    /// <summary>Leave: the same for nodes that stopped gracefully.</summary>
    [JsonPropertyName("leave_p99_s")] public double? LeaveP99Seconds { get; init; }

    /// <summary>Partition: from the heal until every observer saw every node fresh.</summary>
    [JsonPropertyName("heal_s")] public double? HealSeconds { get; init; }

    /// <summary>Each node's bandwidth budget, bytes per second each way.</summary>
    [JsonPropertyName("budget_bytes_per_s")] public int BudgetBytesPerSecond { get; init; }

    [JsonPropertyName("bytes_in_per_node_s")] public double BytesInPerNodePerSecond { get; init; }

    /// <summary>What receiving every other node's record once per interval would take.</summary>
    [JsonPropertyName("min_bytes_in_per_node_s")] public double MinBytesInPerNodePerSecond { get; init; }
    [JsonPropertyName("bytes_out_per_node_s")] public double BytesOutPerNodePerSecond { get; init; }

    /// <summary>The busiest live node's bytes received and sent per second after warm-up (the budget is per node).</summary>
    [JsonPropertyName("max_bytes_in_per_node_s")] public double MaxBytesInPerNodePerSecond { get; init; }
    [JsonPropertyName("max_bytes_out_per_node_s")] public double MaxBytesOutPerNodePerSecond { get; init; }

    /// <summary>Seconds between a node's published versions at the end (the interval times the pace's stride; 1 s fits the budget).</summary>
    [JsonPropertyName("publish_interval_s")] public double PublishIntervalSeconds { get; init; }
    [JsonPropertyName("record_bytes")] public int RecordBytes { get; init; }
    [JsonPropertyName("rounds_over_budget")] public long RoundsOverBudget { get; init; }

    /// <summary>Requests left unanswered because the asker was no live member of the one asked (no forged packets here: a peer not yet known, or held offline).</summary>
    [JsonPropertyName("replies_refused")] public long RepliesRefused { get; init; }
    /// <summary>Bytes sent per node and second over the whole run (warm-up included), by message kind.</summary>
    [JsonPropertyName("bytes_out_by_kind")] public IReadOnlyDictionary<string, double> BytesOutByKind { get; init; } = new Dictionary<string, double>();
    [JsonPropertyName("wall_s")] public double WallSeconds { get; init; }

    /// <summary>One JSON line; a time that never came (a heal, a detection) is written "Infinity".</summary>
    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Scenario} N={Nodes}: p99 age {P99AgeSeconds:0.00}s");
}
