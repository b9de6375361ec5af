using Psstd.Contracts;

namespace Psstd.Dashboard.Charts;

/// <summary>
/// The time axis every series of a page shares: <see cref="Count"/> cells of <see cref="StepSeconds"/> from
/// <see cref="Since"/>. Each series is averaged into these cells, so a chart never draws more than
/// <see cref="Count"/> points whatever the agent sent, and the same cell index is the same moment on every chart
/// (what the hover cursor relies on).
/// </summary>
/// <remarks>
/// The agent's buckets start on multiples of the resolution and the window's start need not, but with the same step
/// each bucket still falls into exactly one cell: asking at the range's resolution costs no second averaging.
/// </remarks>
public sealed record ChartGrid(DateTimeOffset Since, double SpanSeconds, double StepSeconds, int Count)
{
    /// <summary>
    /// The grid for [<paramref name="since"/>, <paramref name="until"/>) in cells of <paramref name="stepSeconds"/>,
    /// widened where needed so there are at most <paramref name="maxCells"/>.
    /// </summary>
    public static ChartGrid Of(DateTimeOffset since, DateTimeOffset until, double stepSeconds, int maxCells)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxCells);
        var span = Math.Max(1, (until - since).TotalSeconds);
        var step = double.IsFinite(stepSeconds) && stepSeconds > 0 ? stepSeconds : span / maxCells;
        step = Math.Max(step, span / maxCells);
        var count = (int)Math.Min(maxCells, Math.Ceiling((span / step) - 1e-9));
        return new ChartGrid(since, span, step, Math.Max(1, count));
    }

    /// <summary>The middle of cell <paramref name="index"/>, in seconds from <see cref="Since"/> (never past the end).</summary>
    public double CellMiddle(int index) => Math.Min(SpanSeconds, (index + 0.5) * StepSeconds);

    /// <summary>
    /// The mean of <paramref name="value"/> over the points in each cell; NaN where a cell has no finite value.
    /// Points outside the window are left out.
    /// </summary>
    public double[] Average(IReadOnlyList<HistoryPoint> points, Func<HistoryPoint, double> value)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(value);
        var sums = new double[Count];
        var counts = new int[Count];
        foreach (var point in points)
        {
            var offset = (point.At - Since).TotalSeconds;
            var v = value(point);
            if (offset < 0 || !double.IsFinite(v))
            {
                continue;
            }

            var index = (long)Math.Floor(offset / StepSeconds);
            if (index < Count)
            {
                sums[index] += v;
                counts[index]++;
            }
        }

        var cells = new double[Count];
        for (var i = 0; i < Count; i++)
        {
            cells[i] = counts[i] > 0 ? sums[i] / counts[i] : double.NaN;
        }

        return cells;
    }

    /// <summary>The cells as chart points at their middles, for <see cref="Sparkline.Path"/>; empty cells break the line.</summary>
    public ChartPoint[] Points(double[] cells)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var points = new ChartPoint[cells.Length];
        for (var i = 0; i < cells.Length; i++)
        {
            points[i] = new ChartPoint(CellMiddle(i), cells[i]);
        }

        return points;
    }

    /// <summary>The frame a sparkline of this grid is drawn in: neighbouring cells join, a missing one breaks the line.</summary>
    public ChartFrame Frame(double width, double height, double maxValue) => new(width, height, SpanSeconds, maxValue, 1.5 * StepSeconds);
}
