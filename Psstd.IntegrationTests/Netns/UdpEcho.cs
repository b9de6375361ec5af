using System.Net;
using System.Net.Sockets;
using Psstd.AppHost.Model;
using Psstd.AppHost.Netns;
using Psstd.Tests.Integration;
using Psstd.Tests.Support;

namespace Psstd.Tests.Netns;

/// <summary>
/// Whether a datagram gets from one namespace (or the host) to a node and its echo comes back:
/// both sockets are opened in their namespaces by this test process, no ping or other tool needed.
/// </summary>
internal static class UdpEcho
{
    private static readonly TimeSpan AnswerWithin = TimeSpan.FromSeconds(2);

    private static readonly TimeSpan ConvergeWithin = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Waits until an echo comes back: a network that was just made or healed converges (neighbour
    /// entries that failed during a fault are resolved again), it does not switch at once.
    /// </summary>
    public static Task EventuallyAsync(NetnsNode? from, NetnsNode to, string what) =>
        Eventually.ReturnsAsync(what, ConvergeWithin, async _ => await RoundTripAsync(from, to) ? "echoed" : null);

    /// <summary>Waits until a datagram to the mDNS group gets from one node to another.</summary>
    public static Task MulticastEventuallyAsync(NetnsNode from, NetnsNode to, string what) =>
        Eventually.ReturnsAsync(what, ConvergeWithin, async _ => await MulticastArrivesAsync(from, to) ? "arrived" : null);

    /// <summary>One try: true when the echo came back within two seconds.</summary>
    /// <param name="from">The sending node's namespace; null sends from the host.</param>
    public static async Task<bool> RoundTripAsync(NetnsNode? from, NetnsNode to)
    {
        using var server = NamespaceSockets.Open(to.Namespace, AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        server.Bind(new IPEndPoint(to.Address, 0));
        using var client = from is null
            ? new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp)
            : NamespaceSockets.Open(from.Namespace, AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        client.Bind(new IPEndPoint(from?.Address ?? IPAddress.Any, 0));

        using var deadline = new CancellationTokenSource(AnswerWithin);
        var echo = EchoOnceAsync(server, deadline.Token);
        var token = Guid.NewGuid().ToByteArray();
        try
        {
            // Three copies, so one lost while the neighbour is resolved does not decide the answer.
            for (var i = 0; i < 3; i++)
            {
                await client.SendToAsync(token, server.LocalEndPoint!, deadline.Token);
            }

            var buffer = new byte[64];
            var received = await client.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), deadline.Token);
            return buffer.AsSpan(0, received.ReceivedBytes).SequenceEqual(token);
        }
        catch (OperationCanceledException)
        {
            return false; // nothing came back in time
        }
        catch (SocketException)
        {
            return false; // e.g. network unreachable while the link is down
        }
        finally
        {
            await deadline.CancelAsync();
            await echo;
        }
    }

    /// <summary>Whether a datagram node <paramref name="from"/> sends to the mDNS group arrives at <paramref name="to"/>, which joined it.</summary>
    public static async Task<bool> MulticastArrivesAsync(NetnsNode from, NetnsNode to)
    {
        var group = IPAddress.Parse("224.0.0.251");
        using var receiver = NamespaceSockets.Open(to.Namespace, AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        receiver.Bind(new IPEndPoint(IPAddress.Any, 5353)); // the namespace is new: the port is free
        receiver.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(group, to.Address));
        using var sender = NamespaceSockets.Open(from.Namespace, AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);

        using var deadline = new CancellationTokenSource(AnswerWithin);
        var token = Guid.NewGuid().ToByteArray();
        try
        {
            // No explicit interface: the namespace's 224.0.0.0/4 route must choose the node's link.
            await sender.SendToAsync(token, new IPEndPoint(group, 5353), deadline.Token);
            var buffer = new byte[64];
            var received = await receiver.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), deadline.Token);
            return buffer.AsSpan(0, received.ReceivedBytes).SequenceEqual(token);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException)
        {
            return false;
        }
    }

    private static async Task EchoOnceAsync(Socket server, CancellationToken cancellationToken)
    {
        try
        {
            var buffer = new byte[64];
            var received = await server.ReceiveFromAsync(buffer, new IPEndPoint(IPAddress.Any, 0), cancellationToken);
            await server.SendToAsync(buffer.AsMemory(0, received.ReceivedBytes), received.RemoteEndPoint, cancellationToken);
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException)
        {
            // nothing arrived, or the way back is cut: the caller sees no echo
        }
    }
}
