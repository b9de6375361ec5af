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
    /// <summary>Tag filters (<c>tag=rack=a</c>); a node must pass them all (<see cref="TagFilters.Matches"/>).</summary>
    public IReadOnlyList<TagFilter> Tags { get; init; } = [];

    public static IReadOnlyList<string> Themes { get; } = ["auto", "dark", "light"];

    public static IReadOnlyList<string> Palettes { get; } = ["htop", "ocean", "contrast"];

    /// <summary>Value equality, the tag filters compared in order (a list compares by reference).</summary>
    public bool Equals(DisplayPreferences? other) =>
        other is not null
        && Sort == other.Sort && Descending == other.Descending && HideStale == other.HideStale && HideOffline == other.HideOffline
        && string.Equals(Filter, other.Filter, StringComparison.Ordinal)
        && string.Equals(Theme, other.Theme, StringComparison.Ordinal)
        && string.Equals(Palette, other.Palette, StringComparison.Ordinal)
        && Tags.SequenceEqual(other.Tags);

    public override int GetHashCode() => HashCode.Combine(Sort, Descending, HideStale, HideOffline, Filter, Theme, Palette, Tags.Count);

    public static DisplayPreferences Default { get; } = new(SortKey.Name, false, false, false, "", "auto", "htop");
}
