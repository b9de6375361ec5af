using System.Globalization;

namespace Psstd.Agent.Metrics.Linux;

/// <summary>The two number shapes /proc prints, parsed strictly so that garbage is refused, never guessed.</summary>
internal static class ProcNumber
{
    /// <summary>A cumulative counter: digits only. Values beyond <see cref="long.MaxValue"/> are refused.</summary>
    public static bool TryParseCounter(ReadOnlySpan<char> text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>
    /// A non-negative decimal such as a load average or uptime. double.TryParse also accepts "NaN" and
    /// "Infinity" whatever the style says, and neither can come from the kernel, so both are refused.
    /// </summary>
    public static bool TryParseDecimal(ReadOnlySpan<char> text, out double value)
    {
        if (double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value)
            && double.IsFinite(value))
        {
            return true;
        }

        value = 0;
        return false;
    }
}
