using System.Globalization;
using System.Text;

namespace Psstd.Dashboard.Charts;

/// <summary>Turns samples into SVG path data. Pure and culture-invariant.</summary>
public static class Sparkline
{
    /// <summary>
    /// Path data for <paramref name="points"/> (oldest first) in <paramref name="frame"/>. Every drawn point is
    /// exactly one command: <c>M</c> starts a run, <c>L</c> continues it. A run breaks at a value that is not finite
    /// and where two points are more than <see cref="ChartFrame.GapSeconds"/> apart, so a silence shows as a hole
    /// rather than a straight line across it. A run of one point gets a zero-length <c>h0</c>, which a round line
    /// cap draws as a dot. Points outside the window are left out; no points give an empty string.
    /// </summary>
    public static string Path(IReadOnlyList<ChartPoint> points, ChartFrame frame)
    {
        ArgumentNullException.ThrowIfNull(points);
        ArgumentNullException.ThrowIfNull(frame);
        var path = new StringBuilder(points.Count * 12);
        var runLength = 0;
        var previousSeconds = double.NaN;
        foreach (var point in points)
        {
            if (!double.IsFinite(point.Value) || !double.IsFinite(point.Seconds) || point.Seconds < 0 || point.Seconds > frame.SpanSeconds)
            {
                runLength = EndRun(path, runLength);
                continue;
            }

            if (runLength > 0 && point.Seconds - previousSeconds > frame.GapSeconds)
            {
                runLength = EndRun(path, runLength);
            }

            // One decimal is a tenth of a user unit: finer than any screen draws the chart.
            path.Append(runLength == 0 ? 'M' : 'L')
                .Append(CultureInfo.InvariantCulture, $"{X(point.Seconds, frame):0.#} {Y(point.Value, frame):0.#}");
            runLength++;
            previousSeconds = point.Seconds;
        }

        EndRun(path, runLength);
        return path.ToString();
    }

    /// <summary>How many points <paramref name="pathData"/> draws (its <c>M</c> and <c>L</c> commands).</summary>
    public static int PointCount(string pathData)
    {
        ArgumentNullException.ThrowIfNull(pathData);
        var count = 0;
        foreach (var c in pathData)
        {
            if (c is 'M' or 'L')
            {
                count++;
            }
        }

        return count;
    }

    private static int EndRun(StringBuilder path, int runLength)
    {
        if (runLength == 1)
        {
            path.Append("h0");
        }

        return 0;
    }

    private static double X(double seconds, ChartFrame frame) =>
        frame.SpanSeconds > 0 ? seconds / frame.SpanSeconds * frame.Width : 0;

    private static double Y(double value, ChartFrame frame)
    {
        var share = frame.MaxValue > 0 ? Math.Clamp(value / frame.MaxValue, 0, 1) : 0;
        return frame.Height * (1 - share);
    }
}
