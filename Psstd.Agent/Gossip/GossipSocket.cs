using System.Net;
using System.Net.Sockets;
using Psstd.Agent.Configuration;
using Psstd.ServiceDefaults.Configuration;

namespace Psstd.Agent.Gossip;

/// <summary>
/// The UDP socket gossip uses, bound once at start so a port held by another program stops the agent
/// with a clear line instead of failing later in a background loop.
/// </summary>
public sealed class GossipSocket : IDisposable
{
    private GossipSocket(Socket socket) => Socket = socket;

    public Socket Socket { get; }

    /// <exception cref="StartupConfigurationException">The address cannot be bound (in use, not local, ...).</exception>
    public static GossipSocket Bind(ListenAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var endPoint = address.ToBindEndPoint()
            ?? Dns.GetHostAddresses(address.Host).Select(ip => new IPEndPoint(ip, address.Port)).FirstOrDefault()
            ?? throw Invalid(address, "names a host that does not resolve");
        try
        {
            return new GossipSocket(Open(endPoint));
        }
        catch (SocketException ex) when (endPoint.Address.Equals(IPAddress.IPv6Any) && ex.SocketErrorCode == SocketError.AddressFamilyNotSupported)
        {
            return new GossipSocket(Open(new IPEndPoint(IPAddress.Any, address.Port))); // a host without IPv6
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new StartupConfigurationException([ConfigurationError.PortInUse(AgentVariables.Gossip, address, "UDP", PortHolder.Describe(address.Port, "UDP"))]);
        }
        catch (SocketException ex)
        {
            throw Invalid(address, $"must be an address of this host that can be bound ({ex.SocketErrorCode}: {ex.Message})");
        }
    }

    private static Socket Open(IPEndPoint endPoint)
    {
        var socket = new Socket(endPoint.AddressFamily, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            if (endPoint.AddressFamily == AddressFamily.InterNetworkV6 && endPoint.Address.Equals(IPAddress.IPv6Any))
            {
                socket.DualMode = true;
            }

            socket.Bind(endPoint);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static StartupConfigurationException Invalid(ListenAddress address, string rule) =>
        new([new ConfigurationError(AgentVariables.Gossip, address.ToString(), rule)]);

    public void Dispose() => Socket.Dispose();
}
