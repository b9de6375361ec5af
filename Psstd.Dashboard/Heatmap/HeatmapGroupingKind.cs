namespace Psstd.Dashboard.Heatmap;

public enum HeatmapGroupingKind
{
    /// <summary>By the name's prefix (<see cref="NamePrefix"/>).</summary>
    Prefix,

    /// <summary>One group of every node.</summary>
    None,

    /// <summary>By the value of one tag key.</summary>
    Tag,
}
