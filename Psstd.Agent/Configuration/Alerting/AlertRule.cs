using Psstd.Contracts;

namespace Psstd.Agent.Configuration.Alerting;

/// <summary>
/// One validated rule of the rules file (docs/alerts.md). A metric rule holds when its value is past
/// <see cref="Threshold"/> and, once firing, resolves only when the value is back past <see cref="Clear"/>
/// (at or on the safe side of it), so values hovering at the line do not flap. A health rule holds while
/// the node's health is one of <see cref="States"/> and resolves when the node is fresh again.
/// </summary>
internal sealed record AlertRule
{
    public required string Name { get; init; }
    public required AlertMetric Metric { get; init; }

    /// <summary>Metric rules only.</summary>
    public AlertComparison Comparison { get; init; }

    /// <summary>Metric rules only, in the metric's unit (<see cref="AlertMetrics.Unit"/>).</summary>
    public double Threshold { get; init; }

    /// <summary>Metric rules only; equal to <see cref="Threshold"/> when the file gives none, never past it on the firing side.</summary>
    public double Clear { get; init; }

    /// <summary>How long the condition must hold, on this agent's clock, before the alert fires.</summary>
    public TimeSpan For { get; init; }

    public AlertSeverity Severity { get; init; } = AlertSeverity.Warning;

    /// <summary>Node name patterns (any matches); empty: every node.</summary>
    public IReadOnlyList<NodePattern> Nodes { get; init; } = [];

    /// <summary>Health rules only: the states that count as the condition.</summary>
    public IReadOnlyList<NodeHealth> States { get; init; } = [];

    /// <summary>Where the rule starts in its file (1-based), for messages.</summary>
    public int Line { get; init; }

    public bool IsHealth => Metric == AlertMetric.Health;

    public AlertUnit Unit => AlertMetrics.Unit(Metric);

    /// <summary>Tags a node must all carry (<c>tags: [rack=a]</c>); empty: any node.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The node's name matches a pattern (or there are none) and it carries every one of the rule's tags.</summary>
    public bool AppliesTo(string nodeName, IReadOnlyDictionary<string, string>? tags = null)
    {
        foreach (var (key, value) in Tags)
        {
            if (tags is null || !tags.TryGetValue(key, out var held) || !string.Equals(held, value, StringComparison.Ordinal))
            {
                return false;
            }
        }

        if (Nodes.Count == 0)
        {
            return true;
        }

        foreach (var pattern in Nodes)
        {
            if (pattern.Matches(nodeName))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Strictly past the threshold: a value on the line does not fire.</summary>
    public bool Holds(double value) => Comparison == AlertComparison.Above ? value > Threshold : value < Threshold;

    /// <summary>At the clear threshold or on its safe side: a firing alert resolves.</summary>
    public bool IsClear(double value) => Comparison == AlertComparison.Above ? value <= Clear : value >= Clear;

    /// <summary>The rule in words, for people: <c>cpu above 90 % for 5m</c>, <c>node offline for 1m</c>.</summary>
    public string Describe()
    {
        var duration = For > TimeSpan.Zero ? $" for {AlertFormat.Duration(For)}" : "";
        if (IsHealth)
        {
            return $"node {string.Join(" or ", States.Select(AlertFormat.Health))}{duration}";
        }

        var side = Comparison == AlertComparison.Above ? "above" : "below";
        return $"{AlertMetrics.Name(Metric)} {side} {AlertFormat.Threshold(Unit, Threshold)}{duration}";
    }
}
