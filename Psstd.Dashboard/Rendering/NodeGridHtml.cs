using System.Globalization;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Psstd.Dashboard.ViewModels;

namespace Psstd.Dashboard.Rendering;

/// <summary>
/// The cells of the cluster grid, written straight to the response. This block repeats for every node: written
/// through Razor it cost a buffered, encoded entry per attribute value (about 60 per node) and was most of a
/// 1,000-node partial's render time. Here each cell is a run of literal writes; every text that can come from a
/// peer (names, versions, URLs) is HTML-encoded, the rest are numbers and fixed tokens.
/// </summary>
public sealed class NodeGridHtml(IReadOnlyList<NodeCellViewModel> nodes, bool compact) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);
        foreach (var node in nodes)
        {
            WriteCell(writer, encoder, node, compact);
        }
    }

    private static void WriteCell(TextWriter w, HtmlEncoder e, NodeCellViewModel node, bool compact)
    {
        w.Write("<article id=\"");
        w.Write(node.DomId);
        w.Write(node.IsSelf ? "\" class=\"node node-self\" data-node=\"" : "\" class=\"node\" data-node=\"");
        e.Encode(w, node.Name);
        w.Write("\" data-state=\"");
        w.Write(node.State);
        w.Write("\" aria-label=\"");
        e.Encode(w, node.Name);
        w.Write("\" tabindex=\"0\">\n<header class=\"node-head\"><span class=\"dot dot-");
        w.Write(node.State);
        w.Write("\" title=\"");
        w.Write(node.State);
        w.Write("\" role=\"img\" aria-label=\"");
        w.Write(node.State);
        w.Write("\"></span><a class=\"node-name node-page\" href=\"");
        e.Encode(w, node.PageUrl);
        if (node.TagsText.Length > 0)
        {
            // The only place a compact row has room for them.
            w.Write("\" title=\"");
            e.Encode(w, node.TagsText);
        }

        w.Write("\" tabindex=\"-1\">");
        e.Encode(w, node.Name);
        w.Write("</a>");
        if (node.LinkUrl is not null)
        {
            w.Write("<a class=\"node-link\" href=\"");
            e.Encode(w, node.LinkUrl);
            w.Write("\" tabindex=\"-1\" title=\"its own dashboard\" aria-label=\"");
            e.Encode(w, node.Name);
            w.Write("'s own dashboard\">↗</a>");
        }

        if (node.IsSelf)
        {
            w.Write("<span class=\"self-tag\">this node</span>");
        }

        w.Write("<span class=\"updated\">");
        e.Encode(w, node.FreshnessText);
        w.Write("</span></header>\n");
        WriteCpu(w, node, compact);
        if (!compact)
        {
            CpuSplitHtml.Write(w, node.CpuSplit, longForm: false);
        }

        w.Write('\n');
        MeterHtml.WriteMeter(w, e, node.Memory, "mem", "Mem", "memory");
        if (!compact)
        {
            // A compact row has one line: swap waits for the node page there.
            MeterHtml.WriteMeter(w, e, node.Swap, "swp", "Swp", "swap");
        }

        w.Write("\n<footer class=\"node-foot\"><span class=\"cpu-avg\">cpu <span class=\"cpu-values\">");
        Number(w, node.CpuPercent);
        w.Write("%</span></span><span class=\"load\" title=\"load average 1, 5, 15 minutes\">load <span class=\"load-values\">");
        e.Encode(w, node.LoadText);
        w.Write(node.VersionMismatch
            ? "</span></span><span class=\"version version-mismatch\" title=\"differs from this node's agent\">v"
            : "</span></span><span class=\"version\" title=\"agent version\">v");
        e.Encode(w, node.Version);
        w.Write("</span></footer>\n");
        if (!compact)
        {
            w.Write("<details id=\"");
            w.Write(node.DomId);
            w.Write("-more\" class=\"more\"><summary>more</summary><dl><dt>disk</dt><dd class=\"disk-text\">");
            e.Encode(w, node.DiskText);
            w.Write("</dd><dt>net</dt><dd class=\"net-text\">");
            e.Encode(w, node.NetText);
            w.Write("</dd><dt>load</dt><dd class=\"load-meaning\">");
            w.Write(Formatting.Format.LoadMeaning);
            w.Write("</dd><dt>uptime</dt><dd class=\"uptime-text\">");
            e.Encode(w, node.UptimeText);
            if (node.TagsText.Length > 0)
            {
                w.Write("</dd><dt>tags</dt><dd class=\"tags-text\">");
                e.Encode(w, node.TagsText);
            }

            w.Write("</dd><dt title=\"");
            e.Encode(w, LoadRules.NodeScore.Explanation);
            w.Write("\">hand-off score</dt><dd class=\"score-text\">");
            e.Encode(w, node.ScoreText);
            w.Write("</dd></dl></details>\n");
        }

        w.Write("</article>\n");
    }

    /// <summary>
    /// A core meter per line up to 32 cores; above that, or in a compact row, a dense strip, with the busiest cores named
    /// above it in a cell (a compact row keeps to one line).
    /// </summary>
    public static void WriteCpu(TextWriter w, NodeCellViewModel node, bool compact)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(node);
        if (!compact && !node.DenseCores)
        {
            MeterHtml.WriteCores(w, node.Cores, node.CpuPercent);
            return;
        }

        if (!compact)
        {
            MeterHtml.WriteBusiest(w, node.Cores, node.BusiestCores);
        }

        CoreStripHtml.Write(w, node.Cores, node.CpuPercent);
    }

    private static void Number(TextWriter writer, int value) => MeterHtml.Number(writer, value);
}
