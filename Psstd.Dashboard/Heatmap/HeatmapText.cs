using Psstd.Dashboard.Formatting;
using System.Globalization;
using System.Text;
using Psstd.Contracts;
using Psstd.Dashboard.Preferences;

namespace Psstd.Dashboard.Heatmap;

/// <summary>
/// A square's hover text: its name, health, every metric the heatmap can show and its tags, e.g.
/// <c>web-3 · fresh · cpu 34% · mem 52% · load 0.81/core · disk 40% · swap none · rack=a zone=x</c>. Plain text, to be
/// HTML-encoded by whoever writes it (names and tags come from peers). Pure.
/// </summary>
public static class HeatmapText
{
    public const string Separator = " · ";

    public static string Title(NodeSnapshot node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var m = node.Metrics ?? NodeMetrics.Empty;
        var text = new StringBuilder(120);
        text.Append(node.Name).Append(Separator).Append(HealthNames.Of(node.Health));
        Share(text, "cpu", HeatmapMetrics.Percent(m, HeatmapMetric.Cpu));
        Share(text, "mem", HeatmapMetrics.Percent(m, HeatmapMetric.Memory));
        text.Append(Separator).Append("load ");
        if (m.LogicalCores > 0 && double.IsFinite(m.Load1))
        {
            text.Append(string.Create(CultureInfo.InvariantCulture, $"{m.Load1 / m.LogicalCores:0.00}/core"));
        }
        else
        {
            text.Append("none");
        }

        Share(text, "disk", HeatmapMetrics.Percent(m, HeatmapMetric.Disk));
        Share(text, "swap", HeatmapMetrics.Percent(m, HeatmapMetric.Swap));
        var tags = NodeFilter.TagsOf(node);
        if (tags.Count > 0)
        {
            text.Append(Separator).AppendJoin(' ', tags);
        }

        return text.ToString();
    }

    private static void Share(StringBuilder text, string label, double? percent)
    {
        text.Append(Separator).Append(label).Append(' ');
        if (percent is { } value && double.IsFinite(value))
        {
            text.Append(string.Create(CultureInfo.InvariantCulture, $"{Math.Round(Math.Clamp(value, 0, 100)):0}%"));
        }
        else
        {
            text.Append("none");
        }
    }
}
