using System.Net.Sockets;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;
using Psstd.Gossip.Telemetry;

namespace Psstd.Agent.Gossip.Tcp;

/// <summary>
/// Takes gossip streams (TCP, on the gossip port): each connection is cut into frames by
/// <see cref="StreamFrameReader"/> and every frame handed to the engine. Only from a source the engine
/// accepts (<see cref="GossipEngine.AcceptsStreamFrom"/>), at most <see cref="StreamFrames.MaxConnectionsPerSource"/>
/// per source and <see cref="StreamFrames.MaxConnections"/> in all, and the first byte must come within
/// <see cref="StreamFrames.FirstByteTimeout"/>: idle connections cannot hold the slots a newcomer's bulk sync
/// needs. A connection that breaks a rule is closed and counted by reason. Nothing a peer sends stops the loop.
/// </summary>
internal sealed class GossipStreamListener(
    GossipSocket socket, GossipEngine engine, GossipMetrics counters, TimeProvider time, ILogger<GossipStreamListener> logger) : BackgroundService
{
    private readonly Dictionary<System.Net.IPAddress, int> _bySource = [];
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
            var source = Source(connection);
            if (Refusal(source) is { } refusal)
            {
                counters.StreamDropped(refusal);
                connection.Dispose();
                continue;
            }

            _ = ServeAsync(connection, source, stoppingToken);
        }
    }

    private static System.Net.IPAddress Source(Socket connection)
    {
        var address = (connection.RemoteEndPoint as System.Net.IPEndPoint)?.Address ?? System.Net.IPAddress.None;
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }

    /// <summary>Why a new connection from <paramref name="source"/> is refused, or null when it is taken (and counted open).</summary>
    private StreamDrop? Refusal(System.Net.IPAddress source)
    {
        if (!engine.AcceptsStreamFrom(source))
        {
            return StreamDrop.NotMember;
        }

        lock (_bySource)
        {
            if (_open >= StreamFrames.MaxConnections)
            {
                return StreamDrop.TooManyConnections;
            }

            var fromSource = _bySource.GetValueOrDefault(source);
            if (fromSource >= StreamFrames.MaxConnectionsPerSource)
            {
                return StreamDrop.TooManyFromSource;
            }

            _bySource[source] = fromSource + 1;
            _open++;
            return null;
        }
    }

    private void Closed(System.Net.IPAddress source)
    {
        lock (_bySource)
        {
            _open--;
            if (--_bySource[source] == 0)
            {
                _bySource.Remove(source);
            }
        }
    }

    private async Task ServeAsync(Socket connection, System.Net.IPAddress source, CancellationToken stoppingToken)
    {
        var reader = new StreamFrameReader();
        using var limit = new CancellationTokenSource(StreamFrames.ConnectionTimeout, time);
        using var firstByte = new CancellationTokenSource(StreamFrames.FirstByteTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, firstByte.Token, stoppingToken);
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await connection.ReceiveAsync(buffer, SocketFlags.None, linked.Token);
                firstByte.CancelAfter(Timeout.InfiniteTimeSpan);
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
        catch (OperationCanceledException) when (firstByte.IsCancellationRequested)
        {
            counters.StreamDropped(StreamDrop.Idle);
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
            Closed(source);
        }
    }
}
