using System.Globalization;
using Psstd.Contracts;

namespace Psstd.Agent.Configuration.Alerting;

/// <summary>
/// Values, thresholds and durations as people read them in alerts: <c>95.2 %</c>, <c>load 3.10 per core</c>,
/// <c>12.3 MB/s</c>, <c>5m</c>. Rates use decimal units, whatever suffix the threshold was written with.
/// </summary>
internal static class AlertFormat
{
    private static readonly string[] RateUnits = ["B/s", "kB/s", "MB/s", "GB/s", "TB/s", "PB/s"];

    /// <summary>A measured value, with the precision a glance needs.</summary>
    public static string Value(AlertUnit unit, double value) => unit switch
    {
        AlertUnit.Percent => $"{value.ToString("F1", CultureInfo.InvariantCulture)} %",
        AlertUnit.LoadPerCore => $"load {value.ToString("F2", CultureInfo.InvariantCulture)} per core",
        AlertUnit.BytesPerSecond => Rate(value),
        _ => value.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>A threshold, without trailing zeros: <c>90 %</c>, <c>2 per core</c>, <c>10 MB/s</c>.</summary>
    public static string Threshold(AlertUnit unit, double value) => unit switch
    {
        AlertUnit.Percent => $"{Short(value)} %",
        AlertUnit.LoadPerCore => $"{Short(value)} per core",
        AlertUnit.BytesPerSecond => Rate(value),
        _ => Short(value),
    };

    public static string Health(NodeHealth health) => health switch
    {
        NodeHealth.Fresh => "fresh",
        NodeHealth.Stale => "stale",
        NodeHealth.Suspect => "suspect",
        NodeHealth.Offline => "offline",
        NodeHealth.Left => "left",
        _ => "forgotten",
    };

    /// <summary>A duration in the rules file's own syntax, largest units first: <c>90s</c> is <c>1m30s</c>.</summary>
    public static string Duration(TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            return "0s";
        }

        var text = "";
        if (value.TotalHours >= 1)
        {
            text += $"{(long)value.TotalHours}h";
        }

        if (value.Minutes > 0)
        {
            text += $"{value.Minutes}m";
        }

        if (value.Seconds > 0)
        {
            text += $"{value.Seconds}s";
        }

        if (value.Milliseconds > 0)
        {
            text += $"{value.Milliseconds}ms";
        }

        return text.Length == 0 ? "0s" : text;
    }

    /// <summary>Three significant figures in decimal units: <c>512 B/s</c>, <c>12.3 MB/s</c>, <c>1.5 GB/s</c>.</summary>
    private static string Rate(double bytesPerSecond)
    {
        if (!double.IsFinite(bytesPerSecond))
        {
            return $"{bytesPerSecond.ToString(CultureInfo.InvariantCulture)} B/s";
        }

        var unit = 0;
        var scaled = bytesPerSecond;
        while (Math.Abs(scaled) >= 999.5 && unit < RateUnits.Length - 1)
        {
            scaled /= 1000;
            unit++;
        }

        return $"{Short(Math.Round(scaled, Math.Abs(scaled) >= 100 ? 0 : Math.Abs(scaled) >= 10 ? 1 : 2))} {RateUnits[unit]}";
    }

    private static string Short(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
