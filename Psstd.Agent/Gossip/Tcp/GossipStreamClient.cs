using System.Net;
using System.Net.Sockets;
using Psstd.Gossip.Wire;
using Psstd.Gossip.Telemetry;

namespace Psstd.Agent.Gossip.Tcp;

/// <summary>
/// Sends packets too large for a datagram over a fresh TCP connection to the peer's gossip port, in
/// the background: connect, write every frame, close. At most <see cref="StreamFrames.MaxConnections"/>
/// at once and each within <see cref="StreamFrames.ConnectionTimeout"/>; a failure is counted, never thrown.
/// </summary>
internal sealed class GossipStreamClient(GossipMetrics counters, TimeProvider time, ILogger<GossipStreamClient> logger)
{
    private int _open;

    /// <param name="connected">Told the bytes about to be written once the connection is made (see <see cref="Psstd.Gossip.Engine.IGossipTransport.SendStream"/>).</param>
    public void Send(IPEndPoint target, IReadOnlyList<byte[]> packets, Action<long> connected)
    {
        if (Interlocked.Increment(ref _open) > StreamFrames.MaxConnections)
        {
            Interlocked.Decrement(ref _open);
            counters.SendFailed();
            return;
        }

        _ = SendAsync(target, StreamFrames.Join(packets), connected);
    }

    private async Task SendAsync(IPEndPoint target, byte[] stream, Action<long> connected)
    {
        using var limit = new CancellationTokenSource(StreamFrames.ConnectionTimeout, time);
        using var socket = new Socket(target.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            await socket.ConnectAsync(target, limit.Token);
            connected(stream.Length);
            await socket.SendAsync(stream, SocketFlags.None, limit.Token);
            socket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            counters.SendFailed();
            GossipLog.StreamFailed(logger, target, ex);
        }
        finally
        {
            Interlocked.Decrement(ref _open);
        }
    }
}
