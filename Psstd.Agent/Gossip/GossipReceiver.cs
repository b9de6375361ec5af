using System.Net;
using System.Net.Sockets;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;

namespace Psstd.Agent.Gossip;

/// <summary>Hands every datagram the gossip socket receives to the engine. Nothing a peer sends can stop it.</summary>
/// <remarks>
/// The socket is read by one thread of its own, blocking in the kernel: a datagram wakes that thread and no other.
/// An awaited receive costs two wake-ups a datagram (the sockets' event thread, then a pool worker for the
/// continuation), and datagrams are most of what an idle agent does (bench/RESULTS.md, issue 21). Stopping does
/// not wait for the thread: it ends when the socket is disposed (which unblocks the receive) and handles nothing
/// after the stop was asked for.
/// </remarks>
internal sealed class GossipReceiver(GossipSocket socket, GossipEngine engine, ContactBook contacts, ILogger<GossipReceiver> logger) : BackgroundService
{
    /// <summary>The sender as a plain IPv4 endpoint when a dual-mode socket reports it IPv4-mapped, so answers reach IPv4-only peers.</summary>
    private static IPEndPoint Sender(IPEndPoint template, SocketAddress address)
    {
        var endPoint = (IPEndPoint)template.Create(address);
        return endPoint.Address.IsIPv4MappedToIPv6 ? new IPEndPoint(endPoint.Address.MapToIPv4(), endPoint.Port) : endPoint;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var thread = new Thread(() => Receive(stoppingToken)) { IsBackground = true, Name = "psstd gossip receive" };
        thread.Start();
        return Task.CompletedTask;
    }

    private void Receive(CancellationToken stoppingToken)
    {
        var buffer = new byte[64 * 1024]; // the largest datagram UDP can carry: never truncated silently
        var from = new SocketAddress(socket.Socket.AddressFamily);
        var template = new IPEndPoint(socket.Socket.AddressFamily == AddressFamily.InterNetworkV6 ? IPAddress.IPv6Any : IPAddress.Any, 0);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var length = socket.Socket.ReceiveFrom(buffer, SocketFlags.None, from);
                if (stoppingToken.IsCancellationRequested)
                {
                    return;
                }

                var sender = Sender(template, from);
                // "Last heard" means a packet of this cluster that opened and made sense: garbage, another
                // cluster's packets and packets no key opens say nothing about a contact (and are counted).
                if (engine.Receive(buffer.AsSpan(0, length), sender) == DecodeOutcome.Accepted)
                {
                    contacts.Heard(sender);
                }
            }
            catch (ObjectDisposedException)
            {
                return; // the host has stopped and disposed the socket
            }
            catch (SocketException) when (stoppingToken.IsCancellationRequested)
            {
                return; // the receive was cut short by the socket's disposal
            }
            catch (SocketException ex)
            {
                // Some platforms report an ICMP "port unreachable" of an earlier send here; keep listening.
                GossipLog.ReceiveFailed(logger, ex);
            }
        }
    }
}
