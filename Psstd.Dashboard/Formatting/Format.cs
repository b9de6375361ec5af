using System.Globalization;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;

namespace Psstd.Dashboard.Formatting;

/// <summary>The dashboard's text for numbers, sizes and ages: invariant culture, so every node's page reads alike.</summary>
public static class Format
{
    private static readonly string[] BinaryUnits = ["KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

    /// <summary>Binary units with one decimal: <c>1536</c> is <c>1.5 KiB</c>; below 1 KiB, whole bytes.</summary>
    public static string Bytes(long bytes)
    {
        Span<char> text = stackalloc char[32];
        return new string(text[..WriteBytes(text, bytes)]);
    }

    /// <summary>
    /// <see cref="Bytes"/> into <paramref name="destination"/> (at least 32 chars), returning the length. The cell
    /// texts of a 1,000-node page hold 6,000 sizes; composing them in spans saves two strings apiece.
    /// </summary>
    private static int WriteBytes(Span<char> destination, long bytes)
    {
        int written;
        if (bytes is > -1024 and < 1024)
        {
            destination.TryWrite(CultureInfo.InvariantCulture, $"{bytes} B", out written);
            return written;
        }

        var value = (double)bytes;
        var unit = -1;
        do
        {
            value /= 1024;
            unit++;
        }
        while (Math.Abs(value) >= 1023.95 && unit < BinaryUnits.Length - 1);

        // One decimal by integer arithmetic: formatting a double is the slow part of a size, and a page has thousands.
        var tenths = (long)Math.Round(value * 10, MidpointRounding.AwayFromZero);
        var sign = tenths < 0 ? "-" : "";
        tenths = Math.Abs(tenths);
        destination.TryWrite(CultureInfo.InvariantCulture, $"{sign}{tenths / 10}.{tenths % 10} {BinaryUnits[unit]}", out written);
        return written;
    }

    /// <summary>
    /// Freshness as a person reads it: whole seconds (never rounded up, so a record is never shown
    /// younger than it is), then minutes and seconds, hours and minutes, days and hours.
    /// </summary>
    public static string Age(double seconds) => $"updated {Duration(seconds)} ago";

    /// <summary>A duration in at most two units, never rounded up: <c>9s</c>, <c>3m 12s</c>, <c>2h 5m</c>, <c>1d 4h</c>.</summary>
    public static string Duration(double seconds)
    {
        var whole = WholeSeconds(seconds);
        return whole switch
        {
            < 60 => $"{whole}s",
            < 3600 => $"{whole / 60}m {whole % 60}s",
            < 86400 => $"{whole / 3600}h {whole % 3600 / 60}m",
            _ => $"{whole / 86400}d {whole % 86400 / 3600}h",
        };
    }

    /// <summary>The largest whole unit only, for long absences: <c>45s</c>, <c>3m</c>, <c>2h</c>, <c>4d</c>.</summary>
    public static string Coarse(double seconds)
    {
        var whole = WholeSeconds(seconds);
        return whole switch
        {
            < 60 => $"{whole}s",
            < 3600 => $"{whole / 60}m",
            < 86400 => $"{whole / 3600}h",
            _ => $"{whole / 86400}d",
        };
    }

    /// <summary>
    /// What a cell says about how current it is, in the words of its state: <c>updated 2s ago</c>,
    /// <c>stale 9s ago</c>, <c>suspect</c>, <c>offline 3m</c>, <c>left</c>, <c>forgotten</c>.
    /// </summary>
    public static string Freshness(NodeHealth health, double ageSeconds) => health switch
    {
        NodeHealth.Fresh => Age(ageSeconds),
        NodeHealth.Stale => $"stale {Duration(ageSeconds)} ago",
        NodeHealth.Suspect => "suspect",
        NodeHealth.Offline => $"offline {Coarse(ageSeconds)}",
        NodeHealth.Left => "left",
        NodeHealth.Forgotten => "forgotten",
        _ => "unknown",
    };

    /// <summary>Used over total in binary units: <c>3.1 GiB / 15.5 GiB</c>.</summary>
    public static string UsedOfTotal(long used, long total)
    {
        Span<char> text = stackalloc char[80];
        var length = WriteBytes(text, used);
        " / ".CopyTo(text[length..]);
        length += 3;
        length += WriteBytes(text[length..], total);
        return new string(text[..length]);
    }

    private const string HtopUnits = "KMGTPE";

    /// <summary>
    /// A size the way htop's meters print it: binary units named by one letter, whole kibibytes, one decimal below
    /// 100 of the larger units and whole numbers above (<c>512K</c>, <c>3.1G</c>, <c>125G</c>); never wider than five characters.
    /// </summary>
    public static string HtopSize(long bytes)
    {
        Span<char> text = stackalloc char[16];
        return new string(text[..WriteHtopSize(text, bytes)]);
    }

    /// <summary>Used over total as htop's memory and swap meters print it: <c>3.1G/7.8G</c>.</summary>
    public static string HtopUsedOfTotal(long used, long total)
    {
        Span<char> text = stackalloc char[32];
        var length = WriteHtopSize(text, used);
        text[length++] = '/';
        length += WriteHtopSize(text[length..], total);
        return new string(text[..length]);
    }

    private static int WriteHtopSize(Span<char> destination, long bytes)
    {
        var value = Math.Max(0, bytes) / 1024.0;
        var unit = 0;
        while (value >= 1024 && unit < HtopUnits.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        int written;
        var tenths = (long)Math.Round(value * 10, MidpointRounding.AwayFromZero);
        if (unit > 0 && tenths < 1000)
        {
            destination.TryWrite(CultureInfo.InvariantCulture, $"{tenths / 10}.{tenths % 10}{HtopUnits[unit]}", out written);
            return written;
        }

        var whole = (long)Math.Round(value, MidpointRounding.AwayFromZero);
        if (whole >= 1024 && unit < HtopUnits.Length - 1)
        {
            // 1023.6M rounds to 1024M: say 1.0G instead, as the next unit would.
            destination.TryWrite(CultureInfo.InvariantCulture, $"1.0{HtopUnits[unit + 1]}", out written);
            return written;
        }

        destination.TryWrite(CultureInfo.InvariantCulture, $"{whole}{HtopUnits[unit]}", out written);
        return written;
    }

    /// <summary>A busy percentage in tenths, 0 to 1000 (<c>45.34</c> is 453); anything unreadable counts as 0.</summary>
    public static int Tenths(double percent) =>
        double.IsFinite(percent) ? (int)Math.Round(Math.Clamp(percent, 0, 100) * 10, MidpointRounding.AwayFromZero) : 0;

    /// <summary>Tenths of a percent as a meter prints them: <c>45.3%</c>, <c>100.0%</c>.</summary>
    public static string TenthsText(int tenths)
    {
        var t = Math.Clamp(tenths, 0, 1000);
        return string.Create(CultureInfo.InvariantCulture, $"{t / 10}.{t % 10}%");
    }

    /// <summary><see cref="Band(int)"/> of a value in tenths: <c>49.9%</c> is still <c>low</c>, <c>50.0%</c> is <c>mid</c>.</summary>
    public static string BandOfTenths(int tenths) => tenths switch
    {
        < 500 => "low",
        < 800 => "mid",
        _ => "high",
    };

    /// <summary>Two labelled rates: <c>r 1.0 MiB/s w 0 B/s</c>.</summary>
    public static string RatePair(string firstLabel, long first, string secondLabel, long second)
    {
        ArgumentNullException.ThrowIfNull(firstLabel);
        ArgumentNullException.ThrowIfNull(secondLabel);
        Span<char> text = stackalloc char[96 + firstLabel.Length + secondLabel.Length];
        var length = 0;
        Append(text, ref length, firstLabel);
        Append(text, ref length, " ");
        length += WriteRate(text[length..], first);
        Append(text, ref length, " ");
        Append(text, ref length, secondLabel);
        Append(text, ref length, " ");
        length += WriteRate(text[length..], second);
        return new string(text[..length]);
    }

    /// <summary>A byte rate: <c>1.5 MiB/s</c>.</summary>
    public static string Rate(long bytesPerSecond)
    {
        Span<char> text = stackalloc char[40];
        return new string(text[..WriteRate(text, bytesPerSecond)]);
    }

    private static int WriteRate(Span<char> destination, long bytesPerSecond)
    {
        var length = WriteBytes(destination, Math.Max(0, bytesPerSecond));
        "/s".CopyTo(destination[length..]);
        return length + 2;
    }

    private static void Append(Span<char> destination, ref int length, string text)
    {
        text.CopyTo(destination[length..]);
        length += text.Length;
    }

    /// <summary>Uptime like <c>uptime</c> would say it, coarsely: <c>up 3d 4h</c>.</summary>
    public static string Uptime(long seconds) => $"up {Duration(seconds)}";

    /// <summary>htop-like colour band of a bar: <c>low</c> below 50 %, <c>mid</c> below 80 %, <c>high</c> from 80 %.</summary>
    public static string Band(int percent) => percent switch
    {
        < 50 => "low",
        < 80 => "mid",
        _ => "high",
    };

    /// <summary>A load score (per-core %, may exceed 100) as a whole number: <c>92%</c>.</summary>
    /// <summary>"45 %": a busy percentage rounded to a whole number, 0 for a missing or impossible value.</summary>
    public static string WholePercent(double percent) =>
        string.Create(CultureInfo.InvariantCulture, $"{(double.IsFinite(percent) ? Math.Round(Math.Clamp(percent, 0, 100)) : 0):0} %");

    /// <summary>"10.9": a load per core with one decimal.</summary>
    public static string LoadPerCore(double loadPerCore) => string.Create(CultureInfo.InvariantCulture, $"{loadPerCore:0.0}");

    /// <summary>"1091 (100: fully used)": the hand-off score, which is no percentage (a long run queue takes it past 100).</summary>
    public static string Score(double score) =>
        string.Create(CultureInfo.InvariantCulture, $"{(double.IsFinite(score) ? Math.Round(Math.Max(0, score)) : 0):0} (100: fully used)");

    private static long WholeSeconds(double seconds) =>
        double.IsFinite(seconds) && seconds > 0 ? (long)Math.Min(seconds, long.MaxValue / 2) : 0;

    /// <summary>A percentage as a whole number from 0 to 100; anything unreadable counts as 0.</summary>
    public static int Percent(double percent) =>
        double.IsFinite(percent) ? (int)Math.Round(Math.Clamp(percent, 0, 100), MidpointRounding.AwayFromZero) : 0;

    /// <summary><paramref name="part"/> of <paramref name="whole"/> as <see cref="Percent(double)"/>; 0 when the whole is unknown.</summary>
    public static int Percent(long part, long whole) => whole > 0 ? Percent(100.0 * part / whole) : 0;

    /// <summary>
    /// What the load figures mean, said once where they are explained: the records carry no OS, so the
    /// text names how each one arrives at the same quantity (docs/platforms.md has the detail).
    /// </summary>
    public const string LoadMeaning =
        "threads running or ready, averaged over 1, 5, 15 min (Windows: processor queue length + busy cores, averaged by psstd)";

    /// <summary>Load averages the way <c>uptime</c> prints them: <c>0.42 0.35 0.30</c>.</summary>
    public static string Load(double load1, double load5, double load15) =>
        string.Create(CultureInfo.InvariantCulture, $"{load1:F2} {load5:F2} {load15:F2}");

    /// <summary>What the page says instead of the cluster when the agent fails it.</summary>
    public static string AgentProblem(AgentOutcome outcome, string detail, string socketPath) => outcome switch
    {
        AgentOutcome.AnsweredWithError =>
            $"The local psstd agent at {socketPath} answered with an error: {detail}.",
        AgentOutcome.BadResponse =>
            $"The local psstd agent at {socketPath} sent an answer this dashboard cannot read ({detail}). Are the agent and the dashboard the same version?",
        _ => $"The local psstd agent is not reachable at {socketPath}: {detail}. Is psstd-agent running?",
    };
}
