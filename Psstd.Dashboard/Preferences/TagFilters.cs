using Psstd.Contracts;

namespace Psstd.Dashboard.Preferences;

/// <summary>
/// The <c>tag</c> values of a query. Filters on the same key are alternatives (<c>rack=a</c> or <c>rack=b</c>);
/// filters on different keys must all hold. At most <see cref="Max"/> are read: each costs a lookup per node.
/// </summary>
public static class TagFilters
{
    public const int Max = 8;

    /// <summary>The valid filters, each once, in query order; a sentence per value that was left out.</summary>
    public static (IReadOnlyList<TagFilter> Filters, IReadOnlyList<string> Problems) Read(IReadOnlyList<KeyValuePair<string, string>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var filters = new List<TagFilter>();
        var problems = new List<string>();
        var extra = 0;
        foreach (var pair in query)
        {
            if (!string.Equals(pair.Key, QueryNames.Tag, StringComparison.Ordinal) || pair.Value.Length == 0)
            {
                continue;
            }

            var filter = TagFilter.TryParse(pair.Value, out var problem);
            if (filter is null)
            {
                problems.Add($"tag filter \"{Shown(pair.Value)}\" ignored: {problem}.");
            }
            else if (filters.Contains(filter))
            {
                continue;
            }
            else if (filters.Count < Max)
            {
                filters.Add(filter);
            }
            else
            {
                extra++;
            }
        }

        if (extra > 0)
        {
            problems.Add($"{extra} more tag filters ignored: at most {Max} apply.");
        }

        return (filters, problems);
    }

    /// <summary>Whether <paramref name="node"/> passes every key's filters (any one of a key's values).</summary>
    public static bool Matches(NodeSnapshot node, IReadOnlyList<TagFilter> filters)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(filters);
        for (var i = 0; i < filters.Count; i++)
        {
            var key = filters[i].Key;
            if (IsFirstOfKey(filters, i) && !AnyOfKeyMatches(node, filters, key))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A hostile value cut short for a message (the page encodes it; this keeps it short).</summary>
    public static string Shown(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= 40 ? value : value[..40] + "…";
    }

    private static bool IsFirstOfKey(IReadOnlyList<TagFilter> filters, int index)
    {
        for (var j = 0; j < index; j++)
        {
            if (string.Equals(filters[j].Key, filters[index].Key, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private static bool AnyOfKeyMatches(NodeSnapshot node, IReadOnlyList<TagFilter> filters, string key)
    {
        foreach (var filter in filters)
        {
            if (string.Equals(filter.Key, key, StringComparison.Ordinal) && filter.Matches(node))
            {
                return true;
            }
        }

        return false;
    }
}
