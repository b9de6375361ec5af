using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Psstd.Agent.Configuration.Alerting;

/// <summary>
/// Reads a rules file's text: YAML, or JSON, which is YAML too. Only the representation model is used
/// (no reflection), and every problem becomes one line naming the rule and the field, collected rather than
/// stopping at the first, so one start tells the operator everything to fix.
/// </summary>
internal static class AlertRulesParser
{
    /// <summary>Rules are judged for every node every second: a few dozen is typical, this many is plenty.</summary>
    public const int MaxRules = 256;

    /// <summary>A rules file nests three levels (file, rule list, rule, pattern list); more is not a rules file.</summary>
    public const int MaxDepth = 8;

    /// <summary>Past this many errors the rest are counted, not listed: the first ones are enough to start fixing.</summary>
    public const int MaxErrors = 50;

    public static AlertRulesParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new AlertRuleErrors();
        var rules = new List<AlertRule>();
        var stream = new YamlStream();
        try
        {
            stream.Load(new DepthLimitedParser(new Parser(new StringReader(text)), MaxDepth));
        }
        catch (YamlException ex)
        {
            errors.Add($"line {ex.Start.Line}: not valid YAML or JSON: {AlertRuleErrors.Plain(ex)}");
            return new([], errors.Lines);
        }

        if (stream.Documents.Count > 1)
        {
            errors.Add($"line {stream.Documents[1].RootNode.Start.Line}: the file must hold one YAML document, not {stream.Documents.Count}");
        }
        else if (stream.Documents.Count == 1)
        {
            ReadRoot(stream.Documents[0].RootNode, rules, errors);
        }

        return errors.Lines.Count > 0 ? new([], errors.Lines) : new(rules, []);
    }

    private static void ReadRoot(YamlNode root, List<AlertRule> rules, AlertRuleErrors errors)
    {
        if (AlertRuleReader.IsEmpty(root))
        {
            return;
        }

        if (root is not YamlMappingNode mapping)
        {
            errors.Add($"line {root.Start.Line}: the file must be a mapping with a \"rules\" list (rules: followed by - name: ... items)");
            return;
        }

        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: "rules" })
            {
                ReadRules(value, rules, errors);
            }
            else
            {
                errors.Add($"line {key.Start.Line}: field {AlertRuleErrors.Quote(key)} is not a known field (rules)");
            }
        }
    }

    private static void ReadRules(YamlNode value, List<AlertRule> rules, AlertRuleErrors errors)
    {
        if (AlertRuleReader.IsEmpty(value))
        {
            return;
        }

        if (value is not YamlSequenceNode list)
        {
            errors.Add($"line {value.Start.Line}: field \"rules\" must be a list of rules (- name: ... items)");
            return;
        }

        if (list.Children.Count > MaxRules)
        {
            errors.Add($"line {list.Start.Line}: field \"rules\" holds {list.Children.Count} rules, at most {MaxRules} are allowed");
            return;
        }

        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < list.Children.Count; i++)
        {
            if (AlertRuleReader.Read(list.Children[i], i + 1, errors) is not { } rule)
            {
                continue;
            }

            if (lines.TryGetValue(rule.Name, out var first))
            {
                errors.Add($"rule \"{rule.Name}\" (line {rule.Line}): field \"name\": \"{rule.Name}\" is already the name of the rule on line {first}; names must be unique");
                continue;
            }

            lines[rule.Name] = rule.Line;
            rules.Add(rule);
        }
    }
}
