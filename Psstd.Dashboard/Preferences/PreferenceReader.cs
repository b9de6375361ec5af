using Psstd.Contracts;
using Psstd.ClusterView;
namespace Psstd.Dashboard.Preferences;

/// <summary>Reads <see cref="DisplayPreferences"/> from query pairs; anything unknown or malformed falls back to the default.</summary>
public static class PreferenceReader
{
    /// <summary>Longer filters are cut: the filter is echoed into every generated URL.</summary>
    public const int MaxFilterLength = 100;

    public static DisplayPreferences Read(IReadOnlyList<KeyValuePair<string, string>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var sortText = Value(query, QueryNames.Sort);
        var sort = Enum.GetValues<SortKey>().FirstOrDefault(k => string.Equals(Token(k), sortText, StringComparison.Ordinal));
        var dir = Value(query, QueryNames.Direction);
        var descending = dir switch
        {
            "asc" => false,
            "desc" => true,
            _ => DefaultDescending(sort),
        };
        var filter = Value(query, QueryNames.Filter).Trim();
        if (filter.Length > MaxFilterLength)
        {
            filter = filter[..MaxFilterLength];
        }

        return new DisplayPreferences(
            sort,
            descending,
            IsOn(Value(query, QueryNames.HideStale)),
            IsOn(Value(query, QueryNames.HideOffline)),
            filter,
            OneOf(Value(query, QueryNames.Theme), DisplayPreferences.Themes),
            OneOf(Value(query, QueryNames.Palette), DisplayPreferences.Palettes))
        {
            Tags = TagFilters.Read(query).Filters,
        };
    }

    /// <summary>Names read best A to Z; every measure is most useful largest first (the hottest node on top).</summary>
    public static bool DefaultDescending(SortKey key) => key != SortKey.Name;

    /// <summary>The query value of a sort key: <c>cpumax</c>, <c>load1</c>.</summary>
    public static string Token(SortKey key) => key.ToString().ToLowerInvariant();

    private static bool IsOn(string value) => value is "1" or "true" or "on";

    private static string OneOf(string value, IReadOnlyList<string> allowed) =>
        allowed.Contains(value, StringComparer.Ordinal) ? value : allowed[0];

    private static string Value(IReadOnlyList<KeyValuePair<string, string>> query, string name)
    {
        foreach (var pair in query)
        {
            if (string.Equals(pair.Key, name, StringComparison.Ordinal))
            {
                return pair.Value;
            }
        }

        return "";
    }
}
