namespace Psstd.ClusterView;

/// <summary>
/// A dashboard URL as a record may carry it: absolute http or https, no user info, no control characters
/// or spaces, normalised (<see cref="Uri.AbsoluteUri"/>: IDN hosts and non-ASCII paths encoded). Anything
/// else is read as "no dashboard", never passed on to a browser.
/// </summary>
public static class DashboardAddress
{
    /// <summary>The normalised URL, or empty when <paramref name="text"/> is empty or not acceptable.</summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length == 0 || text.Any(c => PrintableText.IsUnsafe(c) || char.IsWhiteSpace(c)))
        {
            return "";
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.UserInfo.Length > 0 || uri.Host.Length == 0)
        {
            return "";
        }

        // A host of non-ASCII letters travels as its IDN (punycode) form: what the browser will resolve, and no look-alikes in links.
        return uri.Host.All(char.IsAscii) ? uri.AbsoluteUri : new UriBuilder(uri) { Host = uri.IdnHost }.Uri.AbsoluteUri;
    }
}
