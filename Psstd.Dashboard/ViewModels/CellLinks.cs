using Psstd.Contracts;
using Psstd.Dashboard.Preferences;
using Psstd.Dashboard.Trust;

namespace Psstd.Dashboard.ViewModels;

/// <summary>
/// The links every cell of one page carries, with the page's query (pins and preferences, no hop state) encoded
/// once instead of once per node: a 1,000-node page builds 2,000 of these URLs.
/// </summary>
public sealed class CellLinks
{
    private readonly string _pathBase;
    private readonly IReadOnlyList<KeyValuePair<string, string>> _carried;
    private readonly PeerDashboards _peers;

    private CellLinks(string pathBase, IReadOnlyList<KeyValuePair<string, string>> carried, PeerDashboards peers)
    {
        _pathBase = pathBase;
        _carried = carried;
        _peers = peers;
        Suffix = UrlQuery.Build("", carried);
    }

    /// <summary>The carried query as <c>?a=b&amp;c=d</c>, or empty.</summary>
    public string Suffix { get; }

    public static CellLinks For(PageAddress address, PeerDashboards peers)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(peers);
        return new CellLinks(address.PathBase, address.Carried(), peers);
    }

    /// <summary>This dashboard's page for the node.</summary>
    public string Page(string name) => NodeLinks.Page(_pathBase, name) + Suffix;

    /// <summary>The node's own dashboard with this page's query (see <see cref="UrlQuery.Rebase"/>); null when the trust rules allow none.</summary>
    public string? Peer(NodeSnapshot node)
    {
        var dashboardUrl = _peers.UrlOf(node);
        if (dashboardUrl is null)
        {
            return null;
        }

        // The common advertised URL has neither query nor fragment: rebasing it is appending the query.
        return dashboardUrl.AsSpan().IndexOfAny('?', '#') < 0 ? dashboardUrl + Suffix : UrlQuery.Rebase(dashboardUrl, _carried);
    }
}
