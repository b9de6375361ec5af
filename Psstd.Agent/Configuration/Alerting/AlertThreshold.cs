using System.Globalization;

namespace Psstd.Agent.Configuration.Alerting;

/// <summary>
/// Reads a threshold (<c>above</c>, <c>below</c>, <c>clear</c>) in its metric's unit. Rates accept size
/// suffixes in both systems, as disks and links are sold in one and kernels count in the other:
/// kB, MB, GB, TB are powers of 1000 and KiB, MiB, GiB, TiB powers of 1024, with an optional <c>/s</c>.
/// </summary>
internal static class AlertThreshold
{
    public const string PercentSyntax = "a percentage from 0 to 100 (like 90 or 90%)";
    public const string LoadSyntax = "a load per core of 0 or more (like 2 or 1.5)";
    public const string RateSyntax = "a rate in bytes per second of 0 or more (like 1000000, 10MB, 512KiB or 1GiB; kB, MB, GB, TB count in 1000s, KiB, MiB, GiB, TiB in 1024s)";

    private static readonly (string Suffix, double Factor)[] Units =
    [
        ("KIB", 1024.0), ("MIB", 1024.0 * 1024), ("GIB", 1024.0 * 1024 * 1024), ("TIB", 1024.0 * 1024 * 1024 * 1024),
        ("KB", 1e3), ("MB", 1e6), ("GB", 1e9), ("TB", 1e12), ("B", 1),
    ];

    /// <summary>The syntax a threshold of <paramref name="unit"/> must follow, for the message when it does not.</summary>
    public static string Syntax(AlertUnit unit) => unit switch
    {
        AlertUnit.Percent => PercentSyntax,
        AlertUnit.LoadPerCore => LoadSyntax,
        _ => RateSyntax,
    };

    /// <summary>The threshold in the unit's base (percent, load per core, bytes per second), or null.</summary>
    public static double? TryParse(AlertUnit unit, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.Trim();
        var factor = 1.0;
        switch (unit)
        {
            case AlertUnit.Percent:
                rest = rest.EndsWith('%') ? rest[..^1].TrimEnd() : rest;
                break;
            case AlertUnit.BytesPerSecond:
                rest = rest.EndsWith("/s", StringComparison.OrdinalIgnoreCase) ? rest[..^2].TrimEnd() : rest;
                foreach (var (suffix, unitFactor) in Units)
                {
                    if (rest.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                    {
                        rest = rest[..^suffix.Length].TrimEnd();
                        factor = unitFactor;
                        break;
                    }
                }

                break;
            case AlertUnit.LoadPerCore:
                break;
            default:
                return null;
        }

        // Digits and one decimal point only: no signs, exponents, NaN or Infinity.
        if (rest.Length == 0 || !rest.All(c => char.IsAsciiDigit(c) || c == '.')
            || !double.TryParse(rest, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        var value = number * factor;
        return !double.IsFinite(value) || (unit == AlertUnit.Percent && value > 100) ? null : value;
    }
}
