using Microsoft.AspNetCore.Html;
using System.Text.Encodings.Web;
using Psstd.Dashboard.ViewModels;

namespace Psstd.Dashboard.Rendering;

/// <summary>
/// The machine's CPU time by kind as one line of words and numbers: user, kernel, I/O wait, steal. I/O wait is no part
/// of busy and shows in no bar, so this line is where a node stuck on its disks can be told from one that computes.
/// A cell prints htop's short labels (<c>usr 12% sys 3% wa 40% st 0%</c>) with the long form in the tooltip; the node
/// page prints the long form (<c>CPU: 12% user, 3% kernel, 40% iowait, 0% steal</c>). Each number keeps a fixed
/// width, so nothing after it moves when it changes. Nothing is written when the agent does not report the split.
/// </summary>
public sealed class CpuSplitHtml(CpuSplitViewModel? split, bool longForm) : IHtmlContent
{
    private static readonly (string Css, string Short, string Long)[] Kinds =
    [
        ("cs-user", "usr", "user"), ("cs-kernel", "sys", "kernel"), ("cs-iowait", "wa", "iowait"), ("cs-steal", "st", "steal"),
    ];

    public void WriteTo(TextWriter writer, HtmlEncoder encoder) => Write(writer, split, longForm);

    public static void Write(TextWriter writer, CpuSplitViewModel? split, bool longForm)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (split is null)
        {
            return;
        }

        int[] values = [split.User, split.Kernel, split.IoWait, split.Steal];
        writer.Write(longForm ? "<p class=\"cpu-split cpu-split-long\">CPU: " : "<p class=\"cpu-split\" title=\"");
        if (!longForm)
        {
            // The whole sentence for the tooltip; the visible line uses htop's labels.
            WriteWords(writer, values);
            writer.Write("\">");
        }

        for (var i = 0; i < Kinds.Length; i++)
        {
            writer.Write(i > 0 && longForm ? ", <span class=\"cs " : "<span class=\"cs ");
            writer.Write(Kinds[i].Css);
            writer.Write("\">");
            if (!longForm)
            {
                writer.Write(Kinds[i].Short);
            }

            writer.Write("<b>");
            MeterHtml.Number(writer, Math.Clamp(values[i], 0, 100));
            writer.Write("%</b>");
            if (longForm)
            {
                writer.Write(' ');
                writer.Write(Kinds[i].Long);
            }

            writer.Write("</span>");
        }

        writer.Write("</p>");
    }

    private static void WriteWords(TextWriter writer, int[] values)
    {
        writer.Write("CPU: ");
        for (var i = 0; i < Kinds.Length; i++)
        {
            writer.Write(i > 0 ? ", " : "");
            MeterHtml.Number(writer, Math.Clamp(values[i], 0, 100));
            writer.Write("% ");
            writer.Write(Kinds[i].Long);
        }
    }
}
