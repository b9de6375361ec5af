using System.Globalization;
using System.Text;

namespace Psstd.Agent.Alerts.Delivery;

/// <summary>
/// Text made from a notice for people and chat tools. Names come from gossip and may be hostile: control and
/// format characters (line breaks, terminal escapes, bidirectional overrides) are replaced and lengths bounded,
/// so a summary stays one honest line.
/// </summary>
internal static class NoticeText
{
    /// <summary>Structured fields are cut here: far above real names, small enough that a body stays a few KiB.</summary>
    public const int MaxField = 512;

    /// <summary>The one-line summary, e.g. <c>[FIRING] cpu-high on node-3: 95.2 % (cpu above 90 % for 5m)</c>.</summary>
    public static string Summary(AlertNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        var state = notice.IsResolved ? "RESOLVED" : "FIRING";
        return $"[{state}] {Printable(notice.Rule, 128)} on {Printable(notice.Node, 128)}: {Printable(notice.ValueText, 64)} ({Printable(notice.Condition, 256)})";
    }

    /// <summary>Slack reads &amp;, &lt; and &gt; as markup (<c>&lt;!channel&gt;</c> pings everyone): they are escaped as its docs ask.</summary>
    public static string ForSlack(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
    }

    /// <summary>At most <paramref name="max"/> characters, an ellipsis marking a cut; nothing else changed (JSON escapes the rest).</summary>
    public static string Bounded(string? value, int max = MaxField)
    {
        value ??= "";
        return value.Length <= max ? value : string.Concat(value.AsSpan(0, max - 1), "…");
    }

    /// <summary>One line of visible text: control and format characters become '?', and the length is bounded.</summary>
    public static string Printable(string? value, int max = MaxField)
    {
        value = Bounded(value, max);
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            builder.Append(category is UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator ? '?' : c);
        }

        return builder.ToString();
    }

    /// <summary>RFC 3339 in UTC with only the fraction digits needed, as Alertmanager writes times: <c>2026-12-05T17:04:54.5Z</c>.</summary>
    public static string Rfc3339(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
}
