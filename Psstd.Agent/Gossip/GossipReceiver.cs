using System.Net;
using System.Net.Sockets;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;

namespace Psstd.Agent.Gossip;

/// <summary>Hands every datagram the gossip socket receives to the engine. Nothing a peer sends can stop it.</summary>
internal sealed class GossipReceiver(GossipSocket socket, GossipEngine engine, ContactBook contacts, ILogger<GossipReceiver> logger) : BackgroundService
{
    /// <summary>The sender as a plain IPv4 endpoint when a dual-mode socket reports it IPv4-mapped, so answers reach IPv4-only peers.</summary>
    private static IPEndPoint Sender(IPEndPoint template, SocketAddress address)
    {
        var endPoint = (IPEndPoint)template.Create(address);
        return endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var buffer = new byte[64 * 1024]; // the largest datagram UDP can carry: never truncated silently
        var from = new SocketAddress(socket.Socket.AddressFamily);
        var template = new IPEndPoint(socket.Socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
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

            var sender = Sender(template, from);
            // "Last heard" means a packet of this cluster that opened and made sense: garbage, another
            // cluster's packets and packets no key opens say nothing about a contact (and are counted).
            if (engine.Receive(buffer.AsSpan(0, length), sender) == DecodeOutcome.Accepted)
            {
                contacts.Heard(sender);
            }
        }
    }
}
