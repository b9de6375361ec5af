using Psstd.Dashboard.Formatting;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Psstd.Dashboard.Heatmap;
using Psstd.Dashboard.ViewModels;

namespace Psstd.Dashboard.Rendering;

/// <summary>
/// The heatmap's groups and squares, written straight to the response (10,000 squares through Razor would cost a
/// buffered entry per attribute). A square is an empty link coloured by its bucket's class and marked by its state's
/// class; its name, values and tags are in its title. Names, labels and tags come from peers and are HTML-encoded.
/// </summary>
public sealed class HeatmapHtml(HeatmapModel map, CellLinks links) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);
        foreach (var group in map.Groups)
        {
            var count = group.Squares.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            writer.Write("<section class=\"hm-group ");
            writer.Write(HeatmapPageBuilder.WidthClass(group.Squares.Count));
            writer.Write("\" aria-label=\"");
            encoder.Encode(writer, group.Label);
            writer.Write(": ");
            writer.Write(count);
            writer.Write(" nodes\"><h2 class=\"hm-label\">");
            encoder.Encode(writer, group.Label);
            writer.Write(" <span class=\"hm-count\">");
            writer.Write(count);
            writer.Write("</span></h2><div class=\"hm-squares\">");
            foreach (var square in group.Squares)
            {
                WriteSquare(writer, encoder, square);
            }

            writer.Write("</div></section>\n");
        }
    }

    /// <summary>The bucket's class: <c>b0</c> to <c>b9</c>, <c>bn</c> without a value.</summary>
    public static string BucketClass(int bucket) => bucket is >= 0 and < HeatmapMetrics.Buckets ? BucketClasses[bucket] : "bn";

    private static readonly string[] BucketClasses = ["b0", "b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9"];

    private void WriteSquare(TextWriter w, HtmlEncoder e, HeatmapSquare square)
    {
        Span<char> id = stackalloc char[32];
        square.Id.TryFormat(id, out _, "N");
        w.Write("<a id=\"h");
        w.Write(id);
        w.Write("\" class=\"");
        w.Write(BucketClass(square.Bucket));
        w.Write(" s-");
        w.Write(HealthNames.Of(square.Node.Health));
        w.Write("\" href=\"");
        e.Encode(w, links.Page(square.Node.Name));
        w.Write("\" title=\"");
        e.Encode(w, HeatmapText.Title(square.Node));
        w.Write("\"></a>");
    }
}
