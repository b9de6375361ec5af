using System.Text;
using Psstd.ClusterView;

namespace Psstd.Agent.Cli;

/// <summary>
/// What commands write to the operator's terminal passes through here: control characters and bidirectional marks
/// are dropped (<see cref="PrintableText"/>), line breaks and tabs kept. Names, versions and addresses come from
/// peers through the agent's socket; an older agent, or another program on that socket, may not have cleaned them.
/// </summary>
internal sealed class PrintableWriter(TextWriter inner) : TextWriter
{
    public override Encoding Encoding => inner.Encoding;

    public override IFormatProvider FormatProvider => inner.FormatProvider;

    public override string NewLine
    {
        get => inner.NewLine;
#pragma warning disable CS8765 // the base accepts null (meaning the default); so does the inner writer
        set => inner.NewLine = value;
#pragma warning restore CS8765
    }

    public static TextWriter Over(TextWriter writer) => writer as PrintableWriter ?? new PrintableWriter(writer);

    public override void Write(char value)
    {
        if (Keeps(value))
        {
            inner.Write(value);
        }
    }

    public override void Write(string? value) => inner.Write(Clean(value));

    public override void Write(char[] buffer, int index, int count) => inner.Write(Clean(new string(buffer, index, count)));

    public override void WriteLine(string? value) => inner.WriteLine(Clean(value));

    public override Task WriteAsync(char value) => Keeps(value) ? inner.WriteAsync(value) : Task.CompletedTask;

    public override Task WriteAsync(string? value) => inner.WriteAsync(Clean(value));

    public override Task WriteLineAsync(string? value) => inner.WriteLineAsync(Clean(value));

    public override Task WriteLineAsync() => inner.WriteLineAsync();

    public override void WriteLine() => inner.WriteLine();

    public override void Flush() => inner.Flush();

    public override Task FlushAsync() => inner.FlushAsync();

    private static bool Keeps(char c) => c is '\n' or '\t' || !PrintableText.IsUnsafe(c);

    private static string? Clean(string? text)
    {
        if (text is null || !text.Any(c => !Keeps(c)))
        {
            return text;
        }

        var kept = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (Keeps(c))
            {
                kept.Append(c);
            }
        }

        return kept.ToString();
    }
}
