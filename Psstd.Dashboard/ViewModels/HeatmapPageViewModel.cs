using Psstd.Dashboard.Heatmap;

namespace Psstd.Dashboard.ViewModels;

/// <summary>Everything the heatmap page shows; built by <see cref="HeatmapPageBuilder"/>.</summary>
/// <param name="Map">The squares in their groups.</param>
/// <param name="Links">Builds each square's link to its node page, with this page's query.</param>
/// <param name="SizeClass"><c>hm-l</c>, <c>hm-m</c> or <c>hm-s</c>: smaller squares for more nodes, so 10,000 fit one screen.</param>
/// <param name="StreamUrl">The page's live updates (<see cref="HeatmapApiEndpoints.Stream"/>) with its filters and layout key.</param>
/// <param name="Notices">Sentences about query values that were ignored or replaced by a default.</param>
/// <param name="RefreshSeconds">The meta refresh without JavaScript.</param>
public sealed record HeatmapPageViewModel(
    string PageTitle,
    string ClusterName,
    string SelfName,
    HeatmapModel Map,
    CellLinks Links,
    string SizeClass,
    string StreamUrl,
    IReadOnlyList<string> Notices,
    IReadOnlyList<StateCountViewModel> StateCounts,
    int TotalNodes,
    int RefreshSeconds,
    HeatmapControlsViewModel Controls)
{
    /// <summary>The page's stamp in <see cref="RenderedHeatmaps"/>, which its first live update starts from.</summary>
    public string Stamp { get; init; } = "";

    /// <summary>The chosen metric's label, e.g. <c>CPU</c>.</summary>
    public string MetricLabel { get; init; } = "";

    /// <summary>This page as a grid (<c>view=grid</c>), everything else kept.</summary>
    public string GridUrl { get; init; } = "/";

    public string CompareUrl { get; init; } = "/compare";

    /// <summary>The alerts section alone (<c>/alerts</c>), which the page fetches again every refresh.</summary>
    public string AlertsUrl { get; init; } = "/alerts";

    /// <summary>The alerts section as the page is rendered.</summary>
    public AlertsSectionViewModel Alerts { get; init; } = AlertsSectionViewModel.Empty;
}
