namespace Psstd.Dashboard.Heatmap;

/// <summary>
/// One <c>squares</c> event of the heatmap stream: the squares to redraw and the counts per health state of every
/// square shown (the summary's figures).
/// </summary>
public sealed record HeatmapUpdate(IReadOnlyList<SquareUpdate> Squares, IReadOnlyList<HeatmapStateCount> Counts);

/// <summary>A square to redraw. Id is the node id in 32 hex digits (the square's element id is <c>h</c> and this).</summary>
/// <param name="B">Colour bucket 0 to 9, or -1 for no value.</param>
/// <param name="S">Health state as a word (<c>fresh</c>, <c>stale</c>, ...).</param>
/// <param name="T">The new hover text.</param>
public sealed record SquareUpdate(string Id, int B, string S, string T);

public sealed record HeatmapStateCount(string State, int Count);
