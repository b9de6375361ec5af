using Psstd.Dashboard.Preferences;

namespace Psstd.Dashboard.ViewModels;

/// <summary>The range control's links: the page's own path and carried query with <c>range</c> set to each known range. Pure.</summary>
public static class RangeLinks
{
    /// <param name="path">The page's path (with its path base), e.g. <c>/nodes/db</c>.</param>
    /// <param name="extra">Parameters of the page itself that the links keep after the carried ones (the compared nodes).</param>
    public static IReadOnlyList<RangeLinkViewModel> For(
        string path, PageAddress address, HistoryRange current, IReadOnlyList<KeyValuePair<string, string>>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(current);
        return HistoryRange.All
            .Select(range => new RangeLinkViewModel(
                range.Token,
                UrlQuery.Build(path, [.. UrlQuery.With(address.Carried(), new KeyValuePair<string, string>(QueryNames.Range, range.Token)), .. extra ?? []]),
                range == current))
            .ToArray();
    }
}
