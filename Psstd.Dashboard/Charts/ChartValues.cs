using System.Globalization;
using System.Text;

namespace Psstd.Dashboard.Charts;

/// <summary>
/// A series' cell values as the page's script reads them from a <c>data-values</c> attribute: comma-separated,
/// invariant, an empty entry for an empty cell, rounded to what the hover text shows.
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
                text.Append(cells[i].ToString(format, CultureInfo.InvariantCulture));
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
