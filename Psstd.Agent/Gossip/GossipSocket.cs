using System.Net;
using System.Net.Sockets;
using Psstd.Agent.Configuration;
using Psstd.Gossip.Wire;
using Psstd.Configuration;

namespace Psstd.Agent.Gossip;

/// <summary>
/// The UDP socket gossip uses, and the TCP listener on the same address for streams (bulk sync), both
/// bound once at start so a port held by another program stops the agent with a clear line instead of
/// failing later in a background loop.
/// </summary>
internal sealed class GossipSocket : IDisposable
{
    private GossipSocket(Socket socket, Socket listener)
    {
        Socket = socket;
        Listener = listener;
    }

    public Socket Socket { get; }

    /// <summary>TCP, listening on the same address and port as <see cref="Socket"/>.</summary>
    public Socket Listener { get; }

    /// <exception cref="StartupConfigurationException">The address cannot be bound (in use, not local, ...).</exception>
    public static GossipSocket Bind(ListenAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var endPoint = address.ToBindEndPoint()
            ?? Dns.GetHostAddresses(address.Host).Select(ip => new IPEndPoint(ip, address.Port)).FirstOrDefault()
            ?? throw Invalid(address, "names a host that does not resolve");
        Socket udp;
        try
        {
            udp = Open(endPoint, SocketType.Dgram, ProtocolType.Udp);
        }
        catch (SocketException ex) when (endPoint.Address.Equals(IPAddress.IPv6Any) && ex.SocketErrorCode == SocketError.AddressFamilyNotSupported)
        {
            endPoint = new IPEndPoint(IPAddress.Any, address.Port); // a host without IPv6
            udp = Open(endPoint, SocketType.Dgram, ProtocolType.Udp);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new StartupConfigurationException([ConfigurationError.PortInUse(AgentVariables.Gossip, address, "UDP", PortHolder.Describe(address.Port, "UDP"))]);
        }
        catch (SocketException ex)
        {
            throw Invalid(address, $"must be an address of this host that can be bound ({ex.SocketErrorCode}: {ex.Message})");
        }

        try
        {
            // Port 0 asks the system for a free port: the stream listener takes the one UDP got.
            var tcp = Open(new IPEndPoint(endPoint.Address, ((IPEndPoint)udp.LocalEndPoint!).Port), SocketType.Stream, ProtocolType.Tcp);
            tcp.Listen(StreamFrames.MaxConnections);
            return new GossipSocket(udp, tcp);
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            udp.Dispose();
            throw new StartupConfigurationException([ConfigurationError.PortInUse(AgentVariables.Gossip, address, "TCP")]);
        }
        catch (SocketException ex)
        {
            udp.Dispose();
            throw Invalid(address, $"must be an address of this host that can be bound ({ex.SocketErrorCode}: {ex.Message})");
        }
    }

    private static Socket Open(IPEndPoint endPoint, SocketType type, ProtocolType protocol)
    {
        var socket = new Socket(endPoint.AddressFamily, type, protocol);
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

    public void Dispose()
    {
        Socket.Dispose();
        Listener.Dispose();
    }
}
