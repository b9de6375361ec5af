using System.Text;

namespace Psstd.Dashboard.Preferences;

/// <summary>
/// Builds the dashboard's URLs from query pairs, so preferences and pins travel in every link the page
/// generates. Pure string work: no request, no encoder state.
/// </summary>
public static class UrlQuery
{
    /// <summary>Splits a query string (with or without its <c>?</c>) into decoded pairs, in order.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(string query)
    {
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var part in (query ?? "").TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            var key = eq < 0 ? part : part[..eq];
            var value = eq < 0 ? "" : part[(eq + 1)..];
            pairs.Add(new(Decode(key), Decode(value)));
        }

        return pairs;
    }

    /// <summary>
    /// <paramref name="current"/> with each key of <paramref name="overrides"/> replaced (an empty value removes
    /// the key); new keys go last, and the order of the others is kept so URLs stay stable between refreshes.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> With(
        IReadOnlyList<KeyValuePair<string, string>> current,
        params KeyValuePair<string, string>[] overrides)
    {
        ArgumentNullException.ThrowIfNull(current);
        var result = new List<KeyValuePair<string, string>>(current.Count + overrides.Length);
        foreach (var pair in current)
        {
            var index = Array.FindIndex(overrides, o => string.Equals(o.Key, pair.Key, StringComparison.Ordinal));
            if (index < 0)
            {
                result.Add(pair);
            }
            else if (overrides[index].Value.Length > 0 && !result.Any(r => string.Equals(r.Key, pair.Key, StringComparison.Ordinal)))
            {
                result.Add(overrides[index]);
            }
        }

        foreach (var o in overrides)
        {
            if (o.Value.Length > 0 && !result.Any(r => string.Equals(r.Key, o.Key, StringComparison.Ordinal)))
            {
                result.Add(o);
            }
        }

        return result;
    }

    /// <summary>
    /// A link to a peer's dashboard that keeps this browser's query. The peer's own parameters win (a
    /// <c>psstd_node</c> in its advertised URL is what routes to it through a shared proxy); everything else
    /// of <paramref name="carried"/> follows. Fragment of the peer URL is kept.
    /// </summary>
    public static string Rebase(string peerUrl, IReadOnlyList<KeyValuePair<string, string>> carried)
    {
        ArgumentNullException.ThrowIfNull(peerUrl);
        ArgumentNullException.ThrowIfNull(carried);
        var hash = peerUrl.IndexOf('#', StringComparison.Ordinal);
        var fragment = hash < 0 ? "" : peerUrl[hash..];
        var withoutFragment = hash < 0 ? peerUrl : peerUrl[..hash];
        var mark = withoutFragment.IndexOf('?', StringComparison.Ordinal);
        var path = mark < 0 ? withoutFragment : withoutFragment[..mark];
        var own = mark < 0 ? [] : Parse(withoutFragment[(mark + 1)..]);
        var merged = new List<KeyValuePair<string, string>>(own);
        foreach (var pair in carried)
        {
            if (!own.Any(o => string.Equals(o.Key, pair.Key, StringComparison.Ordinal)))
            {
                merged.Add(pair);
            }
        }

        return Build(path, merged) + fragment;
    }

    /// <summary><paramref name="path"/> followed by the encoded pairs, or the bare path when there are none.</summary>
    public static string Build(string path, IReadOnlyList<KeyValuePair<string, string>> pairs)
    {
        ArgumentNullException.ThrowIfNull(pairs);
        if (pairs.Count == 0)
        {
            return path;
        }

        var text = new StringBuilder(path);
        var separator = '?';
        foreach (var pair in pairs)
        {
            text.Append(separator).Append(Uri.EscapeDataString(pair.Key)).Append('=').Append(Uri.EscapeDataString(pair.Value));
            separator = '&';
        }

        return text.ToString();
    }

    private static string Decode(string text) => Uri.UnescapeDataString(text.Replace('+', ' '));
}
