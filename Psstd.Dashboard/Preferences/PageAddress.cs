namespace Psstd.Dashboard.Preferences;

/// <summary>Where the page was opened: its path and its decoded query pairs, in order.</summary>
/// <remarks><see cref="PathBase"/> is where the dashboard is mounted (empty at the root); <see cref="Path"/> includes it.</remarks>
public sealed record PageAddress(string Path, IReadOnlyList<KeyValuePair<string, string>> Query)
{
    public string PathBase { get; init; } = "";

    /// <summary>The query without the hot-potato hop state: what manual links to peers carry.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> WithoutHops() =>
        Query.Where(p => p.Key is not (QueryNames.Hops or QueryNames.HopWindowStart)).ToArray();

    /// <summary>The URL as opened.</summary>
    public string Url => UrlQuery.Build(Path, Query);
}
