using System.Globalization;
using System.Text.Encodings.Web;
using AngleSharp.Dom;
using Psstd.Contracts;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Preferences;
using Psstd.Dashboard.Rendering;
using Psstd.Dashboard.Trust;
using Psstd.Dashboard.ViewModels;
using Psstd.Tests.Support;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Dashboard.Meters;

/// <summary>One node's grid cell, built and rendered as the cluster page does: what the meter tests look at.</summary>
internal static class GridCells
{
    public static NodeCellViewModel Cell(NodeMetrics metrics) =>
        ClusterViewModelBuilder.Build(Snapshot(Node("n", metrics: metrics)), new PageAddress("/", []), new PeerDashboards(DashboardHosts.None)).Nodes[0];

    public static IDocument Render(NodeCellViewModel cell, bool compact = false)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new NodeGridHtml([cell], compact).WriteTo(writer, HtmlEncoder.Default);
        return Html.Parse(writer.ToString());
    }
}
