using System.Globalization;

namespace Psstd.Configuration;

/// <summary>
/// Parses durations the way psstd's users write them (Go syntax): <c>15s</c>, <c>500ms</c>, <c>1m30s</c>, <c>2h</c>.
/// </summary>
public static class DurationParser
{
    public const string Syntax = "a duration such as 500ms, 15s, 1m30s or 2h";

    /// <summary>Returns null when <paramref name="text"/> is not a positive sum of number+unit parts.</summary>
    public static TimeSpan? TryParse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.AsSpan();
        if (rest.IsEmpty)
        {
            return null;
        }

        var total = TimeSpan.Zero;
        while (!rest.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < rest.Length && (char.IsAsciiDigit(rest[numberLength]) || rest[numberLength] == '.'))
            {
                numberLength++;
            }

            var unitLength = 0;
            while (numberLength + unitLength < rest.Length && char.IsAsciiLetterLower(rest[numberLength + unitLength]))
            {
                unitLength++;
            }

            if (numberLength == 0 || unitLength == 0
                || !double.TryParse(rest[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
            {
                return null;
            }

            double? unit = rest.Slice(numberLength, unitLength) switch
            {
                "ms" => TimeSpan.TicksPerMillisecond,
                "s" => TimeSpan.TicksPerSecond,
                "m" => TimeSpan.TicksPerMinute,
                "h" => TimeSpan.TicksPerHour,
                _ => null,
            };

            // A value past what TimeSpan holds (99999999999999999999s, from a URL or a typo) is no duration, not an overflow.
            var ticks = unit is { } perUnit ? Math.Round(number * perUnit) : double.NaN;
            if (!double.IsFinite(ticks) || ticks >= TimeSpan.MaxValue.Ticks - total.Ticks)
            {
                return null;
            }

            total += TimeSpan.FromTicks((long)ticks);
            rest = rest[(numberLength + unitLength)..];
        }

        return total;
    }

    /// <summary>Formats the way <see cref="TryParse"/> reads: whole seconds as <c>15s</c>, else milliseconds.</summary>
    public static string Format(TimeSpan value) =>
        value.Ticks % TimeSpan.TicksPerSecond == 0
            ? $"{(long)value.TotalSeconds}s"
            : $"{(long)value.TotalMilliseconds}ms";
}
