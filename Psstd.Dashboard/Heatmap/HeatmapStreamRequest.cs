using Psstd.Dashboard.Preferences;

namespace Psstd.Dashboard.Heatmap;

/// <summary>What one heatmap stream client shows and what its page was rendered with.</summary>
/// <param name="Layout">The page's <see cref="HeatmapModel.LayoutKey"/>: any other layout makes the page load again.</param>
/// <param name="Stamp">The page's stamp in <see cref="RenderedHeatmaps"/>; null after a reconnect, which starts with every square.</param>
public sealed record HeatmapStreamRequest(
    DisplayPreferences Preferences, HeatmapMetric Metric, HeatmapGrouping Grouping, string Layout, string? Stamp)
{
    /// <summary>Layout keys and stamps are 16 lowercase hex digits.</summary>
    public static bool IsToken(string? text) =>
        text is { Length: 16 } && text.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f');
}
