using Psstd.Contracts;
using Psstd.ClusterView;
namespace Psstd.Dashboard.Preferences;

/// <summary>How the browser wants the cluster shown, as read from the query string.</summary>
/// <param name="Descending">Order from the largest value down; the default for every key but name.</param>
/// <param name="Filter">Terms that a node's name (or, once nodes carry them, a tag) must contain; empty shows all.</param>
/// <param name="Theme"><c>auto</c> (follow the system), <c>dark</c> or <c>light</c>.</param>
/// <param name="Palette">Colour set of the bars: <c>htop</c>, <c>ocean</c> or <c>contrast</c>.</param>
public sealed record DisplayPreferences(
    SortKey Sort,
    bool Descending,
    bool HideStale,
    bool HideOffline,
    string Filter,
    string Theme,
    string Palette)
{
    public static IReadOnlyList<string> Themes { get; } = ["auto", "dark", "light"];

    public static IReadOnlyList<string> Palettes { get; } = ["htop", "ocean", "contrast"];

    public static DisplayPreferences Default { get; } = new(SortKey.Name, false, false, false, "", "auto", "htop");
}
