namespace Psstd.Dashboard.Heatmap;

/// <summary>Whether the cluster page is a heatmap. Pure.</summary>
public static class HeatmapChoice
{
    /// <param name="view">What the URL asks for.</param>
    /// <param name="nodes">Nodes the agent knows, forgotten ones aside (filters do not count: the view must not flip as one types).</param>
    /// <param name="threshold"><c>PSSTD_HEATMAP_FROM</c>; 0 never chooses the heatmap by itself.</param>
    public static bool Shows(HeatmapView view, int nodes, int threshold) => view switch
    {
        HeatmapView.Heatmap => true,
        HeatmapView.Grid => false,
        _ => threshold > 0 && nodes >= threshold,
    };
}
