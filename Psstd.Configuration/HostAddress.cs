using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Psstd.Configuration;

/// <summary>
/// The address peers most likely reach this host at, for the default <c>PSSTD_ADVERTISE_GOSSIP</c>.
/// An IP literal rather than the host name: peers dial, relay and probe by address, and a name that
/// only this host resolves would make it unreachable for them.
/// </summary>
public static class HostAddress
{
    /// <summary>
    /// The first IPv4 address of an interface that is up, not loopback and has a default gateway (the
    /// interface traffic leaves by; container bridges usually have none), else of any such interface
    /// without one, else <paramref name="fallback"/>.
    /// </summary>
    public static string Primary(string fallback)
    {
        try
        {
            var candidates = NetworkInterface.GetAllNetworkInterfaces()
                .Where(i => i.OperationalStatus == OperationalStatus.Up && i.NetworkInterfaceType != NetworkInterfaceType.Loopback)
                .Select(i => (Properties: i.GetIPProperties(), Interface: i))
                .Select(c => (
                    HasGateway: c.Properties.GatewayAddresses.Any(g => !g.Address.Equals(IPAddress.Any) && !g.Address.Equals(IPAddress.IPv6Any)),
                    Addresses: c.Properties.UnicastAddresses.Select(u => u.Address)
                        .Where(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a)).ToArray()))
                .Where(c => c.Addresses.Length > 0)
                .OrderByDescending(c => c.HasGateway)
                .ToArray();
            return candidates.Length > 0 ? candidates[0].Addresses[0].ToString() : fallback;
        }
        catch (NetworkInformationException)
        {
            return fallback;
        }
    }
}
