using Psstd.Configuration;
using Psstd.Contracts;
using YamlDotNet.RepresentationModel;

namespace Psstd.Agent.Configuration.Alerting;

/// <summary>
/// Reads one item of the <c>rules</c> list into an <see cref="AlertRule"/>, or reports why it cannot, one
/// line per broken field: <c>rule "cpu-high" (line 6): field "for": "5x" is not a duration (like 30s, 5m, 1h)</c>.
/// The rule is named by its name when it has a valid one, else by its place in the list.
/// </summary>
internal sealed class AlertRuleReader
{
    public const int MaxNameLength = 64;
    public const int MaxPatterns = 64;
    public const int MaxPatternLength = 255;

    /// <summary>A week: longer is no longer an alert about now, and it keeps clock arithmetic far from overflow.</summary>
    public static readonly TimeSpan MaxFor = TimeSpan.FromDays(7);

    private const string DurationSyntax = "a duration (like 30s, 5m, 1h)";

    private static readonly string[] Fields = ["name", "metric", "above", "below", "clear", "for", "severity", "nodes", "tags", "states"];

    private static readonly (string Name, NodeHealth Health)[] HealthStates =
    [
        ("suspect", NodeHealth.Suspect), ("offline", NodeHealth.Offline), ("stale", NodeHealth.Stale), ("left", NodeHealth.Left),
    ];

    private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _fields = new(StringComparer.Ordinal);
    private readonly AlertRuleErrors _errors;
    private readonly int _errorsBefore;
    private string _label;

    private AlertRuleReader(int index, AlertRuleErrors errors)
    {
        _errors = errors;
        _errorsBefore = errors.Count;
        _label = $"rule {index}";
    }

    /// <summary>A plain empty value (<c>key:</c> with nothing after it), which YAML reads as null.</summary>
    public static bool IsEmpty(YamlNode node) =>
        node is YamlScalarNode { Value: null or "" } scalar && scalar.Style is YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any;

    /// <summary>The rule, or null when any of its fields is broken (each reported to <paramref name="errors"/>).</summary>
    /// <param name="index">The rule's place in the list, from 1.</param>
    public static AlertRule? Read(YamlNode item, int index, AlertRuleErrors errors)
    {
        var reader = new AlertRuleReader(index, errors);
        if (item is not YamlMappingNode mapping)
        {
            errors.Add($"rule {index} (line {item.Start.Line}): must be a mapping of fields ({string.Join(", ", Fields)})");
            return null;
        }

        return reader.Read(mapping);
    }

    private AlertRule? Read(YamlMappingNode mapping)
    {
        var line = (int)mapping.Start.Line;
        var name = ReadName(mapping, line);
        foreach (var (key, value) in mapping.Children)
        {
            var field = key is YamlScalarNode { Value: { } text } ? text : null;
            if (field is null || !Fields.Contains(field, StringComparer.Ordinal))
            {
                Fail(key, $"field {AlertRuleErrors.Quote(key)} is not a known field ({string.Join(", ", Fields)})");
            }
            else
            {
                _fields[field] = (key, value);
            }
        }

        var metric = ReadMetric(line);
        var rule = new AlertRule
        {
            Name = name ?? "",
            Metric = metric ?? AlertMetric.Cpu,
            For = ReadFor(),
            Severity = ReadSeverity(),
            Nodes = ReadPatterns(),
            Tags = ReadTags(),
            Line = line,
        };
        if (metric == AlertMetric.Health)
        {
            rule = rule with { States = ReadStates() };
            Forbid("above", "below", "clear");
        }
        else if (metric is not null)
        {
            rule = ReadThresholds(rule, line);
            Forbid("states");
        }

        return _errors.Count == _errorsBefore ? rule : null;
    }

    private string? ReadName(YamlMappingNode mapping, int line)
    {
        var entry = mapping.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: "name" });
        if (entry.Key is null)
        {
            _errors.Add($"{_label} (line {line}): field \"name\" is missing; every rule needs a unique name");
            return null;
        }

        if (Scalar("name", entry.Key, entry.Value) is not { } name)
        {
            return null;
        }

        if (name.Length is 0 or > MaxNameLength || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c is '-' or '_' or '.'))
        {
            Fail(entry.Key, $"field \"name\": {AlertRuleErrors.Quote(name)} must be 1 to {MaxNameLength} characters of a-z, 0-9, '-', '_' and '.'");
            return null;
        }

        _label = $"rule \"{name}\"";
        return name;
    }

    private AlertMetric? ReadMetric(int line)
    {
        if (!_fields.TryGetValue("metric", out var entry))
        {
            _errors.Add($"{_label} (line {line}): field \"metric\" is missing; it must be one of {AlertMetrics.Known}");
            return null;
        }

        if (Scalar("metric", entry.Key, entry.Value) is not { } text)
        {
            return null;
        }

        var metric = AlertMetrics.TryParse(text);
        if (metric is null)
        {
            Fail(entry.Key, $"field \"metric\": {AlertRuleErrors.Quote(text)} is not a metric; it must be one of {AlertMetrics.Known}");
        }

        return metric;
    }

    private AlertRule ReadThresholds(AlertRule rule, int line)
    {
        var hasAbove = _fields.ContainsKey("above");
        var hasBelow = _fields.ContainsKey("below");
        if (hasAbove == hasBelow)
        {
            var problem = hasAbove ? "both \"above\" and \"below\" are given" : "neither \"above\" nor \"below\" is given";
            _errors.Add($"{_label} (line {line}): {problem}; a {AlertMetrics.Name(rule.Metric)} rule needs exactly one of them");
            return rule;
        }

        var comparison = hasAbove ? AlertComparison.Above : AlertComparison.Below;
        var side = hasAbove ? "above" : "below";
        if (Threshold(side, rule.Unit) is not { } threshold)
        {
            return rule;
        }

        var clear = threshold;
        if (_fields.TryGetValue("clear", out var entry) && Threshold("clear", rule.Unit) is { } given)
        {
            clear = given;
            if (comparison == AlertComparison.Above ? clear > threshold : clear < threshold)
            {
                var safe = hasAbove ? "at or below" : "at or above";
                Fail(entry.Key, $"field \"clear\": {AlertFormat.Threshold(rule.Unit, clear)} must be {safe} the threshold ({side}: {AlertFormat.Threshold(rule.Unit, threshold)}), where the alert resolves");
            }
        }

        return rule with { Comparison = comparison, Threshold = threshold, Clear = clear };
    }

    private double? Threshold(string field, AlertUnit unit)
    {
        var (key, value) = _fields[field];
        if (Scalar(field, key, value) is not { } text)
        {
            return null;
        }

        var threshold = AlertThreshold.TryParse(unit, text);
        if (threshold is null)
        {
            Fail(key, $"field \"{field}\": {AlertRuleErrors.Quote(text)} is not {AlertThreshold.Syntax(unit)}");
        }

        return threshold;
    }

    private TimeSpan ReadFor()
    {
        if (!_fields.TryGetValue("for", out var entry) || Scalar("for", entry.Key, entry.Value) is not { } text)
        {
            return TimeSpan.Zero;
        }

        TimeSpan? value;
        try
        {
            value = DurationParser.TryParse(text);
        }
        catch (OverflowException)
        {
            value = null;
        }

        if (value is null || value > MaxFor)
        {
            Fail(entry.Key, $"field \"for\": {AlertRuleErrors.Quote(text)} is not {DurationSyntax} of at most {AlertFormat.Duration(MaxFor)}");
            return TimeSpan.Zero;
        }

        return value.Value;
    }

    private AlertSeverity ReadSeverity()
    {
        if (!_fields.TryGetValue("severity", out var entry) || Scalar("severity", entry.Key, entry.Value) is not { } text)
        {
            return AlertSeverity.Warning;
        }

        switch (text)
        {
            case "info":
                return AlertSeverity.Info;
            case "warning":
                return AlertSeverity.Warning;
            case "critical":
                return AlertSeverity.Critical;
            default:
                Fail(entry.Key, $"field \"severity\": {AlertRuleErrors.Quote(text)} must be info, warning or critical");
                return AlertSeverity.Warning;
        }
    }

    private List<NodePattern> ReadPatterns()
    {
        var patterns = new List<NodePattern>();
        if (!_fields.TryGetValue("nodes", out var entry))
        {
            return patterns;
        }

        foreach (var text in List("nodes", entry.Key, entry.Value, MaxPatterns))
        {
            if (text.Length is 0 or > MaxPatternLength || text.Any(char.IsWhiteSpace))
            {
                Fail(entry.Key, $"field \"nodes\": {AlertRuleErrors.Quote(text)} must be a node name pattern of 1 to {MaxPatternLength} characters without spaces (* any run, ? one character)");
            }
            else
            {
                patterns.Add(new NodePattern(text));
            }
        }

        if (patterns.Count == 0 && _errors.Count == _errorsBefore)
        {
            Fail(entry.Key, "field \"nodes\" is an empty list, which would match no node; leave it out to match every node");
        }

        return patterns;
    }

    private SortedDictionary<string, string> ReadTags()
    {
        var tags = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (!_fields.TryGetValue("tags", out var entry))
        {
            return tags;
        }

        var items = List("tags", entry.Key, entry.Value, NodeTagRules.MaxTags);
        if (items.Count == 0 && _errors.Count == _errorsBefore)
        {
            Fail(entry.Key, "field \"tags\" is an empty list; leave it out to match nodes of any tags");
        }
        else if (!NodeTagRules.TryParse(string.Join(',', items), out tags, out var error) || items.Any(i => i.Contains(',', StringComparison.Ordinal)))
        {
            Fail(entry.Key, $"field \"tags\": {(error.Length > 0 ? error : "one key=value per item")}");
        }

        return tags;
    }

    private List<NodeHealth> ReadStates()
    {
        if (!_fields.TryGetValue("states", out var entry))
        {
            return [NodeHealth.Offline];
        }

        var states = new List<NodeHealth>();
        var known = string.Join(", ", HealthStates.Select(s => s.Name));
        foreach (var text in List("states", entry.Key, entry.Value, HealthStates.Length * 2))
        {
            var match = HealthStates.FirstOrDefault(s => s.Name == text);
            if (match.Name is null)
            {
                Fail(entry.Key, $"field \"states\": {AlertRuleErrors.Quote(text)} is not a health state; it must be one of {known}");
            }
            else if (!states.Contains(match.Health))
            {
                states.Add(match.Health);
            }
        }

        if (states.Count == 0 && _errors.Count == _errorsBefore)
        {
            Fail(entry.Key, $"field \"states\" is an empty list; give one or more of {known}, or leave it out for offline");
        }

        states.Sort();
        return states;
    }

    private void Forbid(params string[] fields)
    {
        foreach (var field in fields)
        {
            if (_fields.TryGetValue(field, out var entry))
            {
                var why = field == "states"
                    ? "only a health rule has states"
                    : "a health rule has no threshold: its condition is the node's health in states";
                Fail(entry.Key, $"field \"{field}\" does not apply here: {why}");
            }
        }
    }

    /// <summary>A single value; a list or mapping where one is expected is reported.</summary>
    private string? Scalar(string field, YamlNode key, YamlNode value)
    {
        if (value is YamlScalarNode scalar)
        {
            return scalar.Value ?? "";
        }

        Fail(key, $"field \"{field}\" must be a single value, not {AlertRuleErrors.Quote(value)}");
        return null;
    }

    /// <summary>A list of single values, or one value standing for a list of one.</summary>
    private List<string> List(string field, YamlNode key, YamlNode value, int max)
    {
        if (value is YamlScalarNode scalar)
        {
            return [scalar.Value ?? ""];
        }

        if (value is not YamlSequenceNode sequence)
        {
            Fail(key, $"field \"{field}\" must be a list of values, not {AlertRuleErrors.Quote(value)}");
            return [];
        }

        if (sequence.Children.Count > max)
        {
            Fail(key, $"field \"{field}\" holds {sequence.Children.Count} values, at most {max} are allowed");
            return [];
        }

        var values = new List<string>();
        foreach (var item in sequence.Children)
        {
            if (item is YamlScalarNode { Value: var text })
            {
                values.Add(text ?? "");
            }
            else
            {
                Fail(key, $"field \"{field}\" must be a list of single values, not of {AlertRuleErrors.Quote(item)}");
            }
        }

        return values;
    }

    private void Fail(YamlNode at, string rule) => _errors.Add($"{_label} (line {at.Start.Line}): {rule}");
}
