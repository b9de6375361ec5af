using System.Net;
using System.Net.Sockets;

namespace Psstd.AppHost.Running;

/// <summary>Finds free loopback ports for the local cluster, starting from a preferred one.</summary>
public static class PortPicker
{
    /// <summary>The first <paramref name="count"/> ports at or after <paramref name="first"/> free for TCP (and UDP when asked).</summary>
    public static IReadOnlyList<int> Pick(int first, int count, bool udpToo, ISet<int>? exclude = null)
    {
        var result = new List<int>(count);
        for (var port = first; port <= IPEndPoint.MaxPort && result.Count < count; port++)
        {
            if (exclude?.Contains(port) != true && IsFree(port, SocketType.Stream) && (!udpToo || IsFree(port, SocketType.Dgram)))
            {
                result.Add(port);
            }
        }

        return result.Count == count
            ? result
            : throw new InvalidOperationException($"not enough free ports from {first} on for {count} nodes");
    }

    private static bool IsFree(int port, SocketType type)
    {
        var protocol = type == SocketType.Stream ? ProtocolType.Tcp : ProtocolType.Udp;
        foreach (var address in new[] { IPAddress.Loopback, IPAddress.IPv6Loopback })
        {
            if (address.AddressFamily == AddressFamily.InterNetworkV6 && !Socket.OSSupportsIPv6)
            {
                continue;
            }

            using var socket = new Socket(address.AddressFamily, type, protocol);
            try
            {
                socket.Bind(new IPEndPoint(address, port));
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressAlreadyInUse or SocketError.AccessDenied)
            {
                return false;
            }
            catch (SocketException ex) when (ex.SocketErrorCode is SocketError.AddressNotAvailable or SocketError.AddressFamilyNotSupported)
            {
                // No IPv6 loopback on this host: only IPv4 matters.
            }
        }

        return true;
    }
}
