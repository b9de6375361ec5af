namespace Psstd.Dashboard.Heatmap;

/// <summary>How the cluster page draws the nodes (<c>view</c> in the query).</summary>
public enum HeatmapView
{
    /// <summary>No choice in the URL: the grid below the threshold (<c>PSSTD_HEATMAP_FROM</c>), the heatmap from it.</summary>
    Auto,

    /// <summary>Cells with meters (compact rows from 64 nodes).</summary>
    Grid,

    /// <summary>One small square per node.</summary>
    Heatmap,
}
