using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;

namespace Psstd.Agent.Discovery;

/// <summary>A network interface as interface selection sees it.</summary>
internal sealed record MdnsInterface(string Name, int Index, bool Up, bool Loopback, bool Multicast, IReadOnlyList<IPAddress> Addresses)
{
    public bool Has(AddressFamily family) => Addresses.Any(a => a.AddressFamily == family);

    /// <summary>This host's interfaces now. An interface whose details cannot be read is left out.</summary>
    public static IReadOnlyList<MdnsInterface> OfThisHost()
    {
        var result = new List<MdnsInterface>();
        foreach (var nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            try
            {
                var properties = nic.GetIPProperties();
                var index = nic.Supports(NetworkInterfaceComponent.IPv4) ? properties.GetIPv4Properties().Index
                    : nic.Supports(NetworkInterfaceComponent.IPv6) ? properties.GetIPv6Properties().Index : -1;
                result.Add(new MdnsInterface(
                    nic.Name,
                    index,
                    nic.OperationalStatus is OperationalStatus.Up or OperationalStatus.Unknown,
                    nic.NetworkInterfaceType == NetworkInterfaceType.Loopback,
                    nic.SupportsMulticast,
                    [.. properties.UnicastAddresses.Select(u => u.Address)]));
            }
            catch (NetworkInformationException)
            {
                // gone between listing and reading
            }
        }

        return result;
    }
}
