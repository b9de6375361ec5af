using System.Net;
using System.Net.Sockets;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Telemetry;

namespace Psstd.Agent.Gossip;

/// <summary>The engine's packets over the gossip UDP socket; the few larger ones over TCP to the same port.</summary>
internal sealed class UdpTransport(GossipSocket socket, GossipMetrics counters, Tcp.GossipStreamClient streams, ILogger<UdpTransport> logger) : IGossipTransport
{
    public void SendStream(IPEndPoint target, IReadOnlyList<byte[]> packets, Action<long> connected) => streams.Send(target, packets, connected);

    public void Send(IPEndPoint target, ReadOnlySpan<byte> packet)
    {
        try
        {
            socket.Socket.SendTo(packet, SocketFlags.None, target);
        }
        catch (SocketException ex)
        {
            counters.SendFailed();
            GossipLog.SendFailed(logger, target, ex);
        }
    }
}
