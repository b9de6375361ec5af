namespace Psstd.Dashboard.Preferences;

/// <summary>
/// The nodes the compare page was asked for: the <c>node</c> values of the query (names or ids), in order, each
/// once. The URL is hostile input: at most <see cref="MaxNodes"/> are kept and the rest only counted, and a value
/// longer than any node name is kept (to be reported as unknown) but never looked up.
/// </summary>
/// <param name="Names">The first distinct, non-empty values, at most <see cref="MaxNodes"/>.</param>
/// <param name="Dropped">How many further distinct values were left out.</param>
public sealed record CompareRequest(IReadOnlyList<string> Names, int Dropped)
{
    /// <summary>Lines per chart: more would be unreadable, and each costs the agent one history query per refresh.</summary>
    public const int MaxNodes = 8;

    /// <summary>Longer values are no node name; they are reported cut to this length.</summary>
    public const int MaxNameLength = PageAddress.MaxCarriedValue;

    public static CompareRequest Read(IReadOnlyList<KeyValuePair<string, string>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var names = new List<string>(MaxNodes);
        HashSet<string>? extra = null;
        foreach (var pair in query)
        {
            if (!string.Equals(pair.Key, QueryNames.CompareNode, StringComparison.Ordinal))
            {
                continue;
            }

            var name = pair.Value.Trim();
            if (name.Length > MaxNameLength)
            {
                name = name[..MaxNameLength];
            }

            if (name.Length == 0 || names.Contains(name, StringComparer.Ordinal))
            {
                continue;
            }

            if (names.Count < MaxNodes)
            {
                names.Add(name);
            }
            else
            {
                (extra ??= new HashSet<string>(StringComparer.Ordinal)).Add(name);
            }
        }

        return new CompareRequest(names, extra?.Count ?? 0);
    }

    /// <summary>The query pairs that choose these nodes, for links that keep them (the range control).</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Pairs() =>
        Names.Select(n => new KeyValuePair<string, string>(QueryNames.CompareNode, n)).ToArray();
}
