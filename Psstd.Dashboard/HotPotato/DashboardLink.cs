namespace Psstd.Dashboard.HotPotato;

/// <summary>Which advertised dashboard URLs the page may link or send a browser to.</summary>
public static class DashboardLink
{
    /// <summary>
    /// Dashboard URLs arrive by gossip from any peer that holds the cluster key; only absolute http(s) URLs
    /// qualify, so a peer cannot plant <c>javascript:</c> in everyone's page.
    /// </summary>
    public static bool IsUsable(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps);
}
