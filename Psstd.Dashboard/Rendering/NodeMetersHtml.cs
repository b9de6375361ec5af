using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Psstd.Dashboard.ViewModels;

namespace Psstd.Dashboard.Rendering;

/// <summary>The node page's current meters: every core as in a cluster cell (the strip and its busiest above 32), then memory and swap.</summary>
public sealed class NodeMetersHtml(NodeCellViewModel node) : IHtmlContent
{
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(encoder);
        NodeGridHtml.WriteCpu(writer, node, compact: false);
        MeterHtml.WriteMeter(writer, encoder, node.Memory, "mem", "Mem", "memory");
        MeterHtml.WriteMeter(writer, encoder, node.Swap, "swp", "Swp", "swap");
    }
}
