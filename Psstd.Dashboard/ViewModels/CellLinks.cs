using Psstd.Dashboard.HotPotato;
using Psstd.Dashboard.Preferences;

namespace Psstd.Dashboard.ViewModels;

/// <summary>
/// The links every cell of one page carries, with the page's query (pins and preferences, no hop state) encoded
/// once instead of once per node: a 1,000-node page builds 2,000 of these URLs.
/// </summary>
public sealed class CellLinks
{
    private readonly string _pathBase;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _carried;

    private CellLinks(string pathBase, IReadOnlyList<KeyValuePair<string, string>> carried)
    {
        _pathBase = pathBase;
        _carried = carried;
        Suffix = UrlQuery.Build("", carried);
    }

    /// <summary>The carried query as <c>?a=b&amp;c=d</c>, or empty.</summary>
    public string Suffix { get; }

    public static CellLinks For(PageAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new CellLinks(address.PathBase, address.WithoutHops());
    }

    /// <summary>This dashboard's page for the node.</summary>
    public string Page(string name) => NodeLinks.Page(_pathBase, name) + Suffix;

    /// <summary>The node's own dashboard with this page's query (see <see cref="UrlQuery.Rebase"/>); null when it has no usable one.</summary>
    public string? Peer(string? dashboardUrl)
    {
        if (dashboardUrl is null || !DashboardLink.IsUsable(dashboardUrl))
        {
            return null;
        }

        // The common advertised URL has neither query nor fragment: rebasing it is appending the query.
        return dashboardUrl.AsSpan().IndexOfAny('?', '#') < 0 ? dashboardUrl + Suffix : UrlQuery.Rebase(dashboardUrl, _carried);
    }
}
