using System.Globalization;
using System.Text;

namespace Psstd.Dashboard.Charts;

/// <summary>
/// A series' cell values as the page's script reads them from a <c>data-values</c> attribute: comma-separated,
/// invariant, an empty entry for an empty cell, rounded to what the hover text shows (rates to three significant
/// digits, as <c>80.5 MiB/s</c> shows them: the trailing zeros also compress well).
/// </summary>
public static class ChartValues
{
    /// <summary>How a series' values are written and shown: <c>pct</c>, <c>load</c> or <c>rate</c> (bytes per second).</summary>
    public static string Format(ChartUnit unit) => unit switch
    {
        ChartUnit.Percent => "0.#",
        ChartUnit.Load => "0.##",
        _ => "0",
    };

    public static string Token(ChartUnit unit) => unit switch
    {
        ChartUnit.Percent => "pct",
        ChartUnit.Load => "load",
        _ => "rate",
    };

    /// <summary><paramref name="value"/> rounded to <paramref name="digits"/> significant digits.</summary>
    public static double Significant(double value, int digits)
    {
        if (value == 0 || !double.IsFinite(value))
        {
            return value;
        }

        var scale = Math.Pow(10, digits - 1 - (int)Math.Floor(Math.Log10(Math.Abs(value))));
        return Math.Round(value * scale) / scale;
    }

    public static string Encode(double[] cells, ChartUnit unit)
    {
        ArgumentNullException.ThrowIfNull(cells);
        var format = Format(unit);
        var text = new StringBuilder(cells.Length * 5);
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                text.Append(',');
            }

            if (double.IsFinite(cells[i]))
            {
                var value = unit == ChartUnit.Rate ? Significant(cells[i], 3) : cells[i];
                text.Append(value.ToString(format, CultureInfo.InvariantCulture));
            }
        }

        return text.ToString();
    }
}

/// <summary>What a chart's values measure; decides their rounding and how the hover text prints them.</summary>
public enum ChartUnit
{
    Percent,
    Load,
    Rate,
}
