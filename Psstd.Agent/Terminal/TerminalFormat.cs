using System.Globalization;
using Psstd.Contracts;

namespace Psstd.Agent.Terminal;

/// <summary>The small text pieces of the terminal view, invariant culture throughout.</summary>
internal static class TerminalFormat
{
    /// <summary>Eight heights: a core's busy % in one character.</summary>
    private const string Blocks = "▁▂▃▄▅▆▇█";

    public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>"3.1/7.8 GiB", or MiB below a GiB of total.</summary>
    public static string UsedOfTotal(long used, long total)
    {
        const double Gib = 1024d * 1024 * 1024;
        const double Mib = 1024d * 1024;
        return total >= Gib
            ? $"{Number(used / Gib, "0.0")}/{Number(total / Gib, "0.0")} GiB"
            : $"{Number(used / Mib, "0")}/{Number(total / Mib, "0")} MiB";
    }

    /// <summary>"updated 2s ago" for a fresh node, otherwise the state and, while it means something, the age.</summary>
    public static string Freshness(NodeSnapshot node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var age = Age(node.AgeSeconds);
        return node.Health switch
        {
            NodeHealth.Fresh => $"updated {age} ago",
            NodeHealth.Stale => $"stale, {age} ago",
            NodeHealth.Suspect => $"suspect, {age} ago",
            NodeHealth.Offline => $"offline, {age} ago",
            NodeHealth.Left => "left",
            _ => "forgotten",
        };
    }

    /// <summary>"2s", "3m", "5h", "2d": whole units, never a wall clock.</summary>
    public static string Age(double seconds) => seconds switch
    {
        < 60 => $"{Number(Math.Floor(Math.Max(0, seconds)), "0")}s",
        < 3600 => $"{Number(Math.Floor(seconds / 60), "0")}m",
        < 86400 => $"{Number(Math.Floor(seconds / 3600), "0")}h",
        _ => $"{Number(Math.Floor(seconds / 86400), "0")}d",
    };

    public static TerminalStyle StateStyle(NodeHealth health) => health switch
    {
        NodeHealth.Fresh => TerminalStyle.Fresh,
        NodeHealth.Stale => TerminalStyle.Stale,
        NodeHealth.Suspect => TerminalStyle.Suspect,
        NodeHealth.Offline => TerminalStyle.Offline,
        _ => TerminalStyle.Left,
    };

    public static TerminalStyle LoadStyle(double percent) => percent switch
    {
        >= 85 => TerminalStyle.Hot,
        >= 50 => TerminalStyle.Warm,
        _ => TerminalStyle.Cool,
    };

    /// <summary>One character per core; with more cores than <paramref name="maxChars"/>, each character shows the busiest core of its group.</summary>
    public static string CoreStrip(IReadOnlyList<double> cores, int maxChars)
    {
        ArgumentNullException.ThrowIfNull(cores);
        if (cores.Count == 0 || maxChars <= 0)
        {
            return "";
        }

        var chars = Math.Min(cores.Count, maxChars);
        var strip = new char[chars];
        for (var i = 0; i < chars; i++)
        {
            var from = i * cores.Count / chars;
            var to = (i + 1) * cores.Count / chars;
            var busiest = 0d;
            for (var c = from; c < to; c++)
            {
                busiest = Math.Max(busiest, cores[c]);
            }

            strip[i] = Block(busiest);
        }

        return new string(strip);
    }

    public static char Block(double percent) =>
        Blocks[(int)Math.Clamp(Math.Round(Math.Clamp(percent, 0, 100) / 100 * (Blocks.Length - 1)), 0, Blocks.Length - 1)];

    /// <summary>A horizontal bar of <paramref name="width"/> characters: "█████·····".</summary>
    public static string Bar(double percent, int width)
    {
        var filled = (int)Math.Round(Math.Clamp(percent, 0, 100) / 100 * width);
        return new string('█', filled) + new string('·', width - filled);
    }

    public static string Fit(string text, int width) =>
        text.Length > width ? string.Concat(text.AsSpan(0, Math.Max(0, width - 1)), "…") : text.PadRight(width);

    public static double MemoryPercent(NodeMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return metrics.MemoryTotalBytes == 0 ? 0 : 100d * metrics.MemoryUsedBytes / metrics.MemoryTotalBytes;
    }

    public static double MaxCore(NodeMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return metrics.CoreBusyPercent.Count == 0 ? 0 : metrics.CoreBusyPercent.Max();
    }
}
