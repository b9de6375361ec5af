namespace Psstd.Dashboard.Heatmap;

/// <summary>A labelled run of squares, in name order.</summary>
/// <param name="Label">The name prefix, <c>key=value</c> of the grouping tag, or a fixed word; peer text, to be encoded.</param>
public sealed record HeatmapGroup(string Label, IReadOnlyList<HeatmapSquare> Squares);
