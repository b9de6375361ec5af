namespace Psstd.Dashboard.Charts;

/// <summary>The box a sparkline is drawn in and the ranges it maps onto it.</summary>
/// <param name="Width">SVG user units across the whole window.</param>
/// <param name="Height">SVG user units from the top (the largest value) to the bottom (zero).</param>
/// <param name="SpanSeconds">The window's length: a point at <c>SpanSeconds</c> is drawn at the right edge.</param>
/// <param name="MaxValue">The value drawn at the top; larger values are clamped to it, negatives to zero.</param>
/// <param name="GapSeconds">Two points further apart than this are not joined: the node was silent in between.</param>
public sealed record ChartFrame(double Width, double Height, double SpanSeconds, double MaxValue, double GapSeconds);
