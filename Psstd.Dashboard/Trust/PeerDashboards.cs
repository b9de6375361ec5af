using System.Net;
using Psstd.ClusterView;
using Psstd.Configuration;
using Psstd.Contracts;
using Psstd.Dashboard.Configuration;

namespace Psstd.Dashboard.Trust;

/// <summary>
/// Which peer dashboard URL the page may link or send a browser to. A URL arrives by gossip, so a stranger
/// may have written it: it is taken only when normalised (http or https, no user info or control characters)
/// and its host is the peer's own gossip host (a loopback name for a loopback peer) or one the operator
/// lists in <see cref="DashboardHosts"/>. Anything else is neither linked nor redirected to.
/// </summary>
public sealed class PeerDashboards(DashboardHosts listed)
{
    /// <summary>The URL to use for <paramref name="node"/>'s dashboard, or null when it has none the rules allow.</summary>
    public string? UrlOf(NodeSnapshot node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var url = DashboardAddress.Normalize(node.DashboardUrl ?? "");
        if (url.Length == 0)
        {
            return null;
        }

        var host = new Uri(url).IdnHost;
        return listed.Lists(host) || IsGossipHost(host, node.GossipAddress) ? url : null;
    }

    /// <summary>Whether <paramref name="host"/> names the machine <paramref name="gossipAddress"/> (<c>host:port</c>) is on.</summary>
    public static bool IsGossipHost(string host, string gossipAddress)
    {
        ArgumentNullException.ThrowIfNull(host);
        var gossipHost = ListenAddress.TryParse(gossipAddress ?? "")?.Host ?? "";
        if (gossipHost.Length == 0)
        {
            return false;
        }

        if (IPAddress.TryParse(host, out var a) && IPAddress.TryParse(gossipHost, out var b))
        {
            return a.Equals(b) || (IPAddress.IsLoopback(a) && IPAddress.IsLoopback(b));
        }

        // The AppHost and single-machine setups advertise http://localhost:port/ next to a 127.0.0.1 gossip address.
        return string.Equals(host, gossipHost, StringComparison.OrdinalIgnoreCase) || (ListenAddress.IsLoopbackHost(host) && ListenAddress.IsLoopbackHost(gossipHost));
    }

}
