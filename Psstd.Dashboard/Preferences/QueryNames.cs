namespace Psstd.Dashboard.Preferences;

/// <summary>
/// Query-string names the dashboard reads. Display preferences are short words; parameters that address
/// a node or carry hot-potato state start with <c>psstd_</c> so they cannot clash with a proxy's own.
/// </summary>
public static class QueryNames
{
    public const string Sort = "sort";
    public const string Direction = "dir";
    public const string HideStale = "hide_stale";
    public const string HideOffline = "hide_offline";
    public const string Filter = "q";
    public const string Theme = "theme";
    public const string Palette = "palette";

    /// <summary>The stretch of history charted on the node and compare pages (<see cref="HistoryRange"/>).</summary>
    public const string Range = "range";

    /// <summary>Grid or heatmap (<see cref="Heatmap.HeatmapView"/>); absent: chosen by the cluster's size.</summary>
    public const string View = "view";

    /// <summary>What colours the heatmap's squares (<see cref="Heatmap.HeatmapMetric"/>).</summary>
    public const string Metric = "metric";

    /// <summary>How the heatmap groups its squares: by name prefix, not at all, or by a tag key.</summary>
    public const string Group = "group";

    /// <summary>A tag filter (<see cref="TagFilter"/>); repeated, one per filter.</summary>
    public const string Tag = "tag";

    /// <summary>A node to compare (name or id); repeated, one per node. Not carried by other links.</summary>
    public const string CompareNode = "node";

    /// <summary>A routing pin: a proxy in front of several dashboards sends the browser to this node.</summary>
    public const string Pin = "psstd_node";

    /// <summary>Hand-offs this browser made in its current window.</summary>
    public const string Hops = "psstd_hops";

    /// <summary>Unix seconds at which the current hand-off window started.</summary>
    public const string HopWindowStart = "psstd_hop_at";

    /// <summary>The display preferences, in the order they are stored in the browser (<see cref="Tag"/> apart: it repeats).</summary>
    public static IReadOnlyList<string> DisplayPreferences { get; } =
        [Sort, Direction, HideStale, HideOffline, Filter, Theme, Palette, Range, View, Metric, Group];
}
