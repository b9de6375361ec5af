namespace Psstd.Dashboard.Preferences;

/// <summary>Reads a request's <see cref="PageAddress"/>: where it was mounted, its path and its query pairs in order.</summary>
public static class RequestAddress
{
    /// <summary>Set by htmx on every request it makes.</summary>
    public const string HtmxRequestHeader = "HX-Request";

    /// <summary>Set by htmx when it restores a page from history: the whole page is wanted then.</summary>
    public const string HtmxHistoryRestoreHeader = "HX-History-Restore-Request";

    public static PageAddress Of(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new PageAddress(
            $"{request.PathBase}{request.Path}",
            request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? ""))).ToArray())
        {
            PathBase = request.PathBase.Value ?? "",
        };
    }

    /// <summary>htmx polling for a partial (and not restoring history, which needs the whole page).</summary>
    public static bool WantsPartial(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Headers.ContainsKey(HtmxRequestHeader)
            && !request.Headers.ContainsKey(HtmxHistoryRestoreHeader);
    }
}
