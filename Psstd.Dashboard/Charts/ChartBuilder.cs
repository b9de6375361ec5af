using System.Globalization;
using Psstd.Dashboard.Formatting;

namespace Psstd.Dashboard.Charts;

/// <summary>Turns cell values into a <see cref="ChartViewModel"/>: paths, hover values and the words for screen readers.</summary>
public static class ChartBuilder
{
    public const double Width = 300;
    public const double Height = 40;

    /// <summary>One line to draw: its key, label, cell values (see <see cref="ChartGrid.Average"/>) and current value.</summary>
    public sealed record Line(string Key, string Label, double[] Cells, string CurrentText);

    public static ChartViewModel Chart(
        ChartGrid grid, string id, string title, double max, string maxLabel, string minLabel, string startLabel, ChartUnit unit,
        IReadOnlyList<Line> lines, double height = Height)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(lines);
        var frame = grid.Frame(Width, height, max);
        var series = lines.Select(line =>
        {
            var path = Sparkline.Path(grid.Points(line.Cells), frame);
            return new ChartSeriesViewModel(line.Key, line.Label, path, Sparkline.PointCount(path), line.CurrentText)
            {
                Values = ChartValues.Encode(line.Cells, unit),
                Unit = ChartValues.Token(unit),
            };
        }).ToArray();
        var now = string.Join(", ", series.Select(s => $"{s.Label} now {s.CurrentText}"));
        var points = series.Length == 0 ? 0 : series.Max(s => s.Points);
        var description = string.Create(CultureInfo.InvariantCulture,
            $"{title} over the last {startLabel.TrimStart('-')}: {now}; scale {minLabel} to {maxLabel}; {points} points.");
        return new ChartViewModel($"chart-{id}", title, description, maxLabel, minLabel, startLabel, "now", Width, height, series) { Grid = grid };
    }
}
