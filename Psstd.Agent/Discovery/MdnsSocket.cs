using System.Net;
using System.Net.Sockets;

namespace Psstd.Agent.Discovery;

/// <summary>
/// One UDP socket on port 5353 for one address family, joined to the mDNS group on each chosen
/// interface. SO_REUSEADDR and SO_REUSEPORT let it share the port with a running responder such as
/// Avahi (which sets both), so both hear every multicast packet.
/// </summary>
internal sealed class MdnsSocket : IDisposable
{
    private const int SolSocket = 1;   // Linux SOL_SOCKET
    private const int SoReusePort = 15; // Linux SO_REUSEPORT

    private MdnsSocket(Socket socket, AddressFamily family, IReadOnlyList<MdnsInterface> joined)
    {
        Socket = socket;
        Family = family;
        Joined = joined;
        Group = new IPEndPoint(family == AddressFamily.InterNetwork ? MdnsConstants.GroupV4 : MdnsConstants.GroupV6, MdnsConstants.Port);
    }

    public Socket Socket { get; }

    public AddressFamily Family { get; }

    /// <summary>The interfaces whose group membership succeeded.</summary>
    public IReadOnlyList<MdnsInterface> Joined { get; }

    public IPEndPoint Group { get; }

    /// <summary>Opens and joins; returns null with the reason when this family cannot do multicast here.</summary>
    public static MdnsSocket? Open(AddressFamily family, IReadOnlyList<MdnsInterface> interfaces, out string? failure)
    {
        ArgumentNullException.ThrowIfNull(interfaces);
        var v4 = family == AddressFamily.InterNetwork;
        var candidates = interfaces.Where(i => !v4 || i.Has(AddressFamily.InterNetwork)).ToList();
        if (candidates.Count == 0)
        {
            failure = $"no chosen interface has an {(v4 ? "IPv4" : "IPv6")} address";
            return null;
        }

        Socket? socket = null;
        try
        {
            socket = new Socket(family, SocketType.Dgram, ProtocolType.Udp);
            socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            if (OperatingSystem.IsLinux())
            {
                socket.SetRawSocketOption(SolSocket, SoReusePort, BitConverter.GetBytes(1));
            }

            var level = v4 ? SocketOptionLevel.IP : SocketOptionLevel.IPv6;
            if (!v4)
            {
                socket.DualMode = false;
            }

            socket.SetSocketOption(level, SocketOptionName.PacketInformation, true);
            socket.SetSocketOption(level, SocketOptionName.MulticastTimeToLive, 255);
            socket.SetSocketOption(level, SocketOptionName.MulticastLoopback, true); // agents sharing a host hear each other
            socket.Bind(new IPEndPoint(v4 ? IPAddress.Any : IPAddress.IPv6Any, MdnsConstants.Port));

            var joined = new List<MdnsInterface>();
            var errors = new List<string>();
            foreach (var nic in candidates)
            {
                try
                {
                    object membership = v4 ? new MulticastOption(MdnsConstants.GroupV4, nic.Index) : new IPv6MulticastOption(MdnsConstants.GroupV6, nic.Index);
                    socket.SetSocketOption(level, SocketOptionName.AddMembership, membership);
                    joined.Add(nic);
                }
                catch (SocketException ex)
                {
                    errors.Add($"{nic.Name}: {ex.SocketErrorCode}");
                }
            }

            if (joined.Count == 0)
            {
                failure = $"cannot join the group on any interface ({string.Join(", ", errors)})";
                socket.Dispose();
                return null;
            }

            failure = null;
            return new MdnsSocket(socket, family, joined);
        }
        catch (SocketException ex)
        {
            socket?.Dispose();
            failure = $"{ex.SocketErrorCode}: {ex.Message}";
            return null;
        }
    }

    /// <summary>Sends to the group out of one interface. Callers serialise sends (the interface is a socket option).</summary>
    public void SendToGroup(ReadOnlySpan<byte> packet, MdnsInterface nic)
    {
        ArgumentNullException.ThrowIfNull(nic);
        if (Family == AddressFamily.InterNetwork)
        {
            Socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastInterface, IPAddress.HostToNetworkOrder(nic.Index));
        }
        else
        {
            Socket.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.MulticastInterface, nic.Index);
        }

        Socket.SendTo(packet, SocketFlags.None, Group);
    }

    public void Dispose() => Socket.Dispose();
}
