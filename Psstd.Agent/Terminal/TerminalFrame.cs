using System.Text;
using Psstd.ClusterView;
using Spectre.Console;

namespace Psstd.Agent.Terminal;

/// <summary>
/// One rendered view: lines of styled pieces, written as plain text (logs, tests) or Spectre markup (a terminal).
/// Pieces are made printable as they are added: node names and versions come from peers, and neither form
/// would stop a control character on its way to the terminal.
/// </summary>
internal sealed class TerminalFrame
{
    private readonly List<List<(string Text, TerminalStyle Style)>> _lines = [];

    public int LineCount => _lines.Count;

    public TerminalFrame Line()
    {
        _lines.Add([]);
        return this;
    }

    /// <summary>Cuts every line at <paramref name="width"/> columns, so a terminal never wraps one into the next.</summary>
    public TerminalFrame ClipTo(int width)
    {
        foreach (var line in _lines)
        {
            var used = 0;
            for (var i = 0; i < line.Count; i++)
            {
                var (text, style) = line[i];
                if (used + text.Length > width)
                {
                    line[i] = (text[..Math.Max(0, width - used)], style);
                    line.RemoveRange(i + 1, line.Count - i - 1);
                    break;
                }

                used += text.Length;
            }
        }

        return this;
    }

    /// <summary>Appends to the last line.</summary>
    public TerminalFrame Add(string text, TerminalStyle style = TerminalStyle.Plain)
    {
        if (_lines.Count == 0)
        {
            _lines.Add([]);
        }

        _lines[^1].Add((PrintableText.Strip(text), style));
        return this;
    }

    public void AddLines(IEnumerable<List<(string Text, TerminalStyle Style)>> lines) =>
        _lines.AddRange(lines.Select(line => line.Select(p => (PrintableText.Strip(p.Text), p.Style)).ToList()));

    /// <summary>Every line with trailing blanks removed, ended by a newline.</summary>
    public string ToPlainText()
    {
        var text = new StringBuilder();
        foreach (var line in _lines)
        {
            text.Append(string.Concat(line.Select(p => p.Text)).TrimEnd()).Append('\n');
        }

        return text.ToString();
    }

    public string ToMarkup()
    {
        var text = new StringBuilder();
        foreach (var line in _lines)
        {
            foreach (var (piece, style) in line)
            {
                var color = Color(style);
                text.Append(color is null ? Markup.Escape(piece) : $"[{color}]{Markup.Escape(piece)}[/]");
            }

            text.Append('\n');
        }

        return text.ToString();
    }

    private static string? Color(TerminalStyle style) => style switch
    {
        TerminalStyle.Title => "bold",
        TerminalStyle.Dim => "grey",
        TerminalStyle.Fresh or TerminalStyle.Cool => "green",
        TerminalStyle.Stale or TerminalStyle.Warm => "yellow",
        TerminalStyle.Suspect => "darkorange",
        TerminalStyle.Offline or TerminalStyle.Hot => "red",
        TerminalStyle.Left => "grey",
        TerminalStyle.Mismatch => "magenta",
        _ => null,
    };
}
