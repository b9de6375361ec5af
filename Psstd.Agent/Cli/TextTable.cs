namespace Psstd.Agent.Cli;

/// <summary>Rows of cells as aligned columns, two spaces apart, one line each: the tables the commands print.</summary>
internal static class TextTable
{
    public static string Format(IReadOnlyList<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0)
        {
            return "";
        }

        var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
        return string.Concat(rows.Select(r => string.Join("  ", r.Select((cell, c) => cell.PadRight(widths[c]))).TrimEnd() + "\n"));
    }
}
