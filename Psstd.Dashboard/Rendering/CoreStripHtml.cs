using System.Globalization;
using Psstd.Dashboard.Formatting;
using Psstd.Dashboard.ViewModels;

namespace Psstd.Dashboard.Rendering;

/// <summary>
/// Many cores as one dense strip: a thin cell per core coloured by its band, the value in its tooltip. Used above 32
/// cores and in the compact rows of a large cluster, where a 1,000-node x 16-core page has 16,000 of them: every piece
/// but the core number is a precomputed string, so a cell is three writes and no allocation, and no value needs
/// encoding (integers and fixed tokens only).
/// </summary>
public static class CoreStripHtml
{
    /// <summary><c>&lt;i class="mid" title="cpu</c> for each value in tenths (the band follows the meters' text, so 49.6 % is low).</summary>
    private static readonly string[] Heads = Enumerable.Range(0, 1001)
        .Select(t => $"<i class=\"{Format.BandOfTenths(t)}\" title=\"cpu")
        .ToArray();

    /// <summary><c> 37%"&gt;&lt;/i&gt;</c> for each whole percentage: a short tooltip, as a page may hold 16,000 of them.</summary>
    private static readonly string[] Tails = Enumerable.Range(0, 101)
        .Select(p => string.Create(CultureInfo.InvariantCulture, $" {p}%\"></i>"))
        .ToArray();

    /// <summary>
    /// The strip as one accessible meter (the whole machine's CPU); the cells are decoration with tooltips.
    /// </summary>
    public static void Write(TextWriter writer, IReadOnlyList<CoreBarViewModel> cores, int cpuPercent)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(cores);
        cpuPercent = Math.Clamp(cpuPercent, 0, 100);
        writer.Write("<div class=\"strip\" role=\"meter\" aria-label=\"CPU ");
        MeterHtml.Number(writer, cpuPercent);
        writer.Write("%, ");
        MeterHtml.Number(writer, cores.Count);
        writer.Write(" cores\" aria-valuenow=\"");
        MeterHtml.Number(writer, cpuPercent);
        writer.Write("\">");
        for (var i = 0; i < cores.Count; i++)
        {
            // The band is derived from the value here, so only the three known tokens ever reach the markup.
            var tenths = Math.Clamp(cores[i].Tenths, 0, 1000);
            writer.Write(Heads[tenths]);
            MeterHtml.Number(writer, i);
            writer.Write(Tails[(tenths + 5) / 10]);
        }

        writer.Write("</div>");
    }
}
