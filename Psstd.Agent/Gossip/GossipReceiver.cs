using System.Net;
using System.Net.Sockets;
using Psstd.Agent.Gossip.Engine;

namespace Psstd.Agent.Gossip;

/// <summary>Hands every datagram the gossip socket receives to the engine. Nothing a peer sends can stop it.</summary>
public sealed class GossipReceiver(GossipSocket socket, GossipEngine engine, ILogger<GossipReceiver> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var buffer = new byte[64 * 1024]; // the largest datagram UDP can carry: never truncated silently
        var from = new SocketAddress(socket.Socket.AddressFamily);
        while (!stoppingToken.IsCancellationRequested)
        {
            int length;
            try
            {
                length = await socket.Socket.ReceiveFromAsync(buffer, SocketFlags.None, from, stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                // Some platforms report an ICMP "port unreachable" of an earlier send here; keep listening.
                GossipLog.ReceiveFailed(logger, ex);
                continue;
            }

            engine.Receive(buffer.AsSpan(0, length));
        }
    }
}
