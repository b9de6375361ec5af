using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Psstd.Agent.Configuration.Alerting;

/// <summary>The errors of one rules file, bounded, each kept to one printable line.</summary>
internal sealed class AlertRuleErrors
{
    private const int MaxQuoted = 64;
    private readonly List<string> _lines = [];
    private int _dropped;

    /// <summary>The errors, with a last line counting those past <see cref="AlertRulesParser.MaxErrors"/>.</summary>
    public IReadOnlyList<string> Lines => _dropped == 0 ? _lines : [.. _lines, $"and {_dropped} more errors"];

    public int Count => _lines.Count + _dropped;

    public void Add(string line)
    {
        if (_lines.Count < AlertRulesParser.MaxErrors)
        {
            _lines.Add(line);
        }
        else
        {
            _dropped++;
        }
    }

    /// <summary>A value from the file in quotes, shortened and with control characters escaped so it stays on one line.</summary>
    public static string Quote(string value) => $"\"{Escape(value, MaxQuoted).Replace("\"", "\\\"", StringComparison.Ordinal)}\"";

    /// <summary>A node as text: a scalar's value, or what kind of node it is.</summary>
    public static string Quote(YamlNode node) => node switch
    {
        YamlScalarNode scalar => Quote(scalar.Value ?? ""),
        YamlSequenceNode => "(a list)",
        _ => "(a mapping)",
    };

    /// <summary>YamlDotNet's message without the positions it puts first (the line is named separately).</summary>
    public static string Plain(YamlException ex)
    {
        var message = ex.Message;
        var cut = message.StartsWith("(Line:", StringComparison.Ordinal) ? message.IndexOf("): ", StringComparison.Ordinal) : -1;
        return Escape(cut >= 0 ? message[(cut + 3)..] : message, 200);
    }

    private static string Escape(string value, int max)
    {
        var text = new StringBuilder();
        foreach (var c in value.Length > max ? value[..max] : value)
        {
            _ = char.IsControl(c) ? text.Append($"\\u{(int)c:x4}") : text.Append(c);
        }

        return value.Length > max ? text.Append("...").ToString() : text.ToString();
    }
}
