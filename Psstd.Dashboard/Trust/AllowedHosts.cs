using System.Net;
using Psstd.Dashboard.Configuration;

namespace Psstd.Dashboard.Trust;

/// <summary>
/// The <c>Host</c> headers this dashboard answers, so a page on another site cannot reach it by pointing its own
/// name at this address (DNS rebinding): any IP literal, <c>localhost</c>, this machine's name, the host of
/// <c>PSSTD_ADVERTISE_HTTP</c>, and the hosts listed in <c>PSSTD_DASHBOARD_HOSTS</c>.
/// </summary>
public sealed class AllowedHosts(DashboardSettings settings)
{
    private readonly string _advertised = Uri.TryCreate(settings.AdvertisedUrl, UriKind.Absolute, out var uri) ? uri.IdnHost : "";

    /// <summary>Whether a request whose <c>Host</c> names <paramref name="host"/> (no port; IPv6 in brackets or not) is answered.</summary>
    public bool Allows(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;

        // An empty Host comes only from HTTP/1.0 clients, never from a browser a page could script.
        return bare.Length == 0
            || IPAddress.TryParse(bare, out _)
            || string.Equals(bare, "localhost", StringComparison.OrdinalIgnoreCase)
            || string.Equals(bare, settings.HostName, StringComparison.OrdinalIgnoreCase)
            || string.Equals(bare, _advertised, StringComparison.OrdinalIgnoreCase)
            || settings.Hosts.Lists(bare);
    }
}
