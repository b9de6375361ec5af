namespace Psstd.Dashboard.Preferences;

/// <summary>Where the page was opened: its path and its decoded query pairs, in order.</summary>
/// <remarks><see cref="PathBase"/> is where the dashboard is mounted (empty at the root); <see cref="Path"/> includes it.</remarks>
public sealed record PageAddress(string Path, IReadOnlyList<KeyValuePair<string, string>> Query)
{
    /// <summary>
    /// Longest query value a link carries on. Names and filters fit; a longer value is someone's padding, and
    /// every cell of the page would repeat it.
    /// </summary>
    public const int MaxCarriedValue = 128;

    public string PathBase { get; init; } = "";

    /// <summary>
    /// What the page's links carry on: the display preferences and the routing pin, each once (tag filters up to
    /// <see cref="TagFilters.Max"/>), no hop state.
    /// Parameters the dashboard does not read are dropped, so a crafted URL cannot make every link on the page
    /// repeat it.
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> Carried()
    {
        var carried = new List<KeyValuePair<string, string>>();
        foreach (var pair in Query)
        {
            if (pair.Value.Length > MaxCarriedValue)
            {
                continue;
            }

            if (pair.Key == QueryNames.Tag)
            {
                // Tag filters repeat: each distinct one is carried, up to the number that apply.
                if (pair.Value.Length > 0
                    && !carried.Contains(pair)
                    && carried.Count(c => c.Key == QueryNames.Tag) < TagFilters.Max)
                {
                    carried.Add(pair);
                }
            }
            else if ((QueryNames.DisplayPreferences.Contains(pair.Key) || pair.Key == QueryNames.Pin)
                && !carried.Exists(c => c.Key == pair.Key))
            {
                carried.Add(pair);
            }
        }

        return carried;
    }

    /// <summary>The URL to poll this page at: its path, what links carry and the hop state (a refresh still counts hops).</summary>
    public string Url => UrlQuery.Build(Path, [.. Carried(), .. Hops()]);

    private IEnumerable<KeyValuePair<string, string>> Hops() =>
        new[] { QueryNames.Hops, QueryNames.HopWindowStart }
            .Select(name => Query.FirstOrDefault(p => p.Key == name))
            .Where(p => p.Key is not null && p.Value.Length <= MaxCarriedValue);
}
