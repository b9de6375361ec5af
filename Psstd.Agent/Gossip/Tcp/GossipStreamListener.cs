using System.Net.Sockets;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;
using Psstd.Gossip.Telemetry;

namespace Psstd.Agent.Gossip.Tcp;

/// <summary>
/// Takes gossip streams (TCP, on the gossip port): each connection is cut into frames by
/// <see cref="StreamFrameReader"/> and every frame handed to the engine. A connection that breaks a rule
/// (frame too large, too many frames, too slow, cut short) is closed and counted by reason; beyond
/// <see cref="StreamFrames.MaxConnections"/> at once, new ones are closed at once. Nothing a peer sends
/// stops the loop.
/// </summary>
internal sealed class GossipStreamListener(
    GossipSocket socket, GossipEngine engine, GossipMetrics counters, TimeProvider time, ILogger<GossipStreamListener> logger) : BackgroundService
{
    private int _open;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            Socket connection;
            try
            {
                connection = await socket.Listener.AcceptAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException ex)
            {
                GossipLog.ReceiveFailed(logger, ex);
                continue;
            }

            counters.StreamIn();
            if (Interlocked.Increment(ref _open) > StreamFrames.MaxConnections)
            {
                Interlocked.Decrement(ref _open);
                counters.StreamDropped(StreamDrop.TooManyConnections);
                connection.Dispose();
                continue;
            }

            _ = ServeAsync(connection, stoppingToken);
        }
    }

    private async Task ServeAsync(Socket connection, CancellationToken stoppingToken)
    {
        var reader = new StreamFrameReader();
        using var limit = new CancellationTokenSource(StreamFrames.ConnectionTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, stoppingToken);
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await connection.ReceiveAsync(buffer, SocketFlags.None, linked.Token);
                if (read == 0)
                {
                    reader.End();
                    break;
                }

                if (!reader.Feed(buffer.AsSpan(0, read), engine.ReceiveFrame))
                {
                    break;
                }
            }

            if (reader.Dropped is { } reason)
            {
                counters.StreamDropped(reason);
            }
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            counters.StreamDropped(StreamDrop.TimedOut);
        }
        catch (OperationCanceledException)
        {
            // The agent is stopping.
        }
        catch (SocketException)
        {
            counters.StreamDropped(StreamDrop.Truncated); // reset by the peer mid-stream
        }
        finally
        {
            connection.Dispose();
            Interlocked.Decrement(ref _open);
        }
    }
}
