namespace Psstd.Dashboard.Charts;

/// <summary>One sparkline chart of the node or compare page: one or more series over the same window and scale.</summary>
/// <param name="Id">Element id; also prefixes the ids of the SVG's title and description.</param>
/// <param name="Title">What is charted, e.g. <c>CPU</c>.</param>
/// <param name="Description">The chart in words for screen readers: current values, scale, how many points.</param>
/// <param name="MaxLabel">The value at the top of the scale, e.g. <c>100%</c> or <c>12.0 MiB/s</c>.</param>
/// <param name="StartLabel">The left edge in time, e.g. <c>-1h</c>.</param>
/// <param name="Grid">The shared time axis: the hover script maps a position to a cell of it.</param>
public sealed record ChartViewModel(
    string Id,
    string Title,
    string Description,
    string MaxLabel,
    string MinLabel,
    string StartLabel,
    string EndLabel,
    double Width,
    double Height,
    IReadOnlyList<ChartSeriesViewModel> Series)
{
    public ChartGrid? Grid { get; init; }

    /// <summary>The window's start in Unix seconds (for the hover text's clock time); 0 without a grid.</summary>
    public long SinceUnixSeconds => Grid?.Since.ToUnixTimeSeconds() ?? 0;
}

/// <summary>One line of a chart.</summary>
/// <param name="Key">CSS token that picks the line's colour, e.g. <c>avg</c>, <c>max</c>, <c>rx</c>, or <c>n0</c> for a compared node.</param>
/// <param name="Path">SVG path data from <see cref="Sparkline.Path"/>; empty when there are no points.</param>
/// <param name="Points">How many points the path draws.</param>
/// <param name="CurrentText">The latest value, e.g. <c>25%</c>.</param>
/// <param name="Values">The cell values for the hover text (<see cref="ChartValues.Encode"/>).</param>
/// <param name="Unit">The values' unit token: <c>pct</c>, <c>load</c> or <c>rate</c>.</param>
public sealed record ChartSeriesViewModel(string Key, string Label, string Path, int Points, string CurrentText)
{
    public string Values { get; init; } = "";

    public string Unit { get; init; } = "pct";
}
