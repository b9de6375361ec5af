using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Psstd.Dashboard.Configuration;
using Psstd.Configuration;

namespace Psstd.Dashboard.Hosting;

/// <summary>How Kestrel binds <c>PSSTD_HTTP</c>: decided (and DNS resolved) once, before the host is built.</summary>
/// <remarks>
/// Binding explicitly means ASPNETCORE_URLS and friends are ignored: one setting, one place.
/// </remarks>
public sealed record ListenPlan(ListenPlanKind Kind, int Port, IReadOnlyList<IPAddress> Addresses)
{
    /// <exception cref="StartupConfigurationException">A host name that does not resolve to any address.</exception>
    public static ListenPlan For(ListenAddress address, Func<string, IPAddress[]> resolve)
    {
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(resolve);
        if (address.IsAnyHost)
        {
            return new ListenPlan(ListenPlanKind.AnyAddress, address.Port, []);
        }

        if (IPAddress.TryParse(address.Host, out var literal))
        {
            return new ListenPlan(ListenPlanKind.Addresses, address.Port, [literal]);
        }

        // Kestrel's own localhost binding tries both loopbacks and tolerates a host without IPv6.
        if (string.Equals(address.Host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return new ListenPlan(ListenPlanKind.Localhost, address.Port, []);
        }

        IPAddress[] resolved;
        try
        {
            resolved = resolve(address.Host);
        }
        catch (SocketException ex)
        {
            throw Unresolvable(address, ex.Message);
        }

        return resolved.Length == 0
            ? throw Unresolvable(address, "no addresses")
            : new ListenPlan(ListenPlanKind.Addresses, address.Port, resolved.Distinct().ToArray());
    }

    /// <summary>
    /// Binds and releases each address once, so a port held by another program stops the start with
    /// one line before the host logs a stack trace about it.
    /// </summary>
    /// <exception cref="StartupConfigurationException">The port is in use.</exception>
    public ListenPlan EnsureFree()
    {
        IPAddress[] probes = Kind switch
        {
            ListenPlanKind.AnyAddress => [Socket.OSSupportsIPv6 ? IPAddress.IPv6Any : IPAddress.Any],
            ListenPlanKind.Localhost => [IPAddress.Loopback],
            _ => [.. Addresses],
        };
        foreach (var address in probes)
        {
            using var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                if (address.Equals(IPAddress.IPv6Any))
                {
                    socket.DualMode = true;
                }

                socket.Bind(new IPEndPoint(address, Port));
            }
            catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
            {
                var named = new ListenAddress(Kind == ListenPlanKind.Localhost ? "localhost" : Kind == ListenPlanKind.AnyAddress ? "" : address.ToString(), Port);
                throw new StartupConfigurationException([ConfigurationError.PortInUse(DashboardSettings.HttpVariable, named, "TCP", PortHolder.Describe(named.Port, "TCP"))]);
            }
            catch (SocketException)
            {
                // Any other problem (no such address here, say) is Kestrel's to report when it binds.
            }
        }

        return this;
    }

    public void Apply(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        switch (Kind)
        {
            case ListenPlanKind.AnyAddress:
                // IPv6 any, dual mode where the OS allows; IPv4 any on hosts without IPv6.
                kestrel.ListenAnyIP(Port);
                break;
            case ListenPlanKind.Localhost:
                kestrel.ListenLocalhost(Port);
                break;
            default:
                foreach (var address in Addresses)
                {
                    kestrel.Listen(address, Port);
                }

                break;
        }
    }

    private static StartupConfigurationException Unresolvable(ListenAddress address, string reason) =>
        new([new ConfigurationError(
            DashboardSettings.HttpVariable,
            address.ToString(),
            $"the host must be empty, an IP address, localhost or a name that resolves; \"{address.Host}\" did not resolve ({reason})")]);
}
