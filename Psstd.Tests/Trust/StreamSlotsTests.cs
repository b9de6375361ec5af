using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging.Abstractions;
using Psstd.Agent.Gossip;
using Psstd.Agent.Gossip.Tcp;
using Psstd.Configuration;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Telemetry;
using Psstd.Gossip.Wire;
using Psstd.Tests.Gossip;

namespace Psstd.Tests.Trust;

/// <summary>
/// Issue row 9: idle TCP connections to a newcomer's gossip port once held every stream slot for ten seconds
/// each, so its bulk sync could not arrive. The real listener on a real socket: strangers are refused at once,
/// one source gets at most two slots, and a connection that sends nothing is closed after two seconds.
/// </summary>
public sealed class StreamSlotsTests : IAsyncLifetime, IDisposable
{
    private readonly GossipSocket _socket = GossipSocket.Bind(new ListenAddress("127.0.0.1", 0));
    private readonly GossipMetrics _metrics = new();
    private readonly CancellationTokenSource _stop = new();
    private GossipEngine _engine = null!;
    private GossipStreamListener _listener = null!;

    private IPEndPoint Port => (IPEndPoint)_socket.Listener.LocalEndPoint!;

    public async Task InitializeAsync()
    {
        var self = RecordSamples.Record(id: Guid.NewGuid(), name: "newcomer") with { GossipAddress = $"127.0.0.1:{Port.Port}" };
        var cluster = new ClusterState(TimeProvider.System);
        cluster.Merge(RecordCodec.ToBytes(self));
        _engine = new GossipEngine(new GossipOptions { Cluster = "test" }, self.Id, cluster, new Silent(), _metrics, TimeProvider.System, new Random(1));
        _listener = new GossipStreamListener(_socket, _engine, _metrics, TimeProvider.System, NullLogger<GossipStreamListener>.Instance);
        await _listener.StartAsync(_stop.Token);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        await _listener.StopAsync(CancellationToken.None);
    }

    public void Dispose()
    {
        _listener.Dispose();
        _socket.Dispose();
        _stop.Dispose();
    }

    [Fact]
    public async Task IdleConnectionsFromAStranger_AreRefusedAtOnce_AndHoldNoSlot()
    {
        var idle = new List<Socket>();
        try
        {
            for (var i = 0; i < StreamFrames.MaxConnections; i++)
            {
                idle.Add(await ConnectAsync(IPAddress.Parse("127.0.0.9")));
            }

            foreach (var connection in idle)
            {
                Assert.Equal(0, await ReadUntilClosedAsync(connection, TimeSpan.FromSeconds(10)));
            }

            Assert.Equal(StreamFrames.MaxConnections, _metrics.StreamDropsOf(StreamDrop.NotMember));
        }
        finally
        {
            idle.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task OneSource_GetsTwoSlots_AndAnIdleOneIsClosedAfterTwoSeconds()
    {
        _engine.SetSeeds([new IPEndPoint(IPAddress.Loopback, 9)]);
        _engine.Tick(); // its first exchange goes to the seed on 127.0.0.1: a stream from there may be its answer
        var held = new List<Socket>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                held.Add(await ConnectAsync(IPAddress.Loopback));
            }

            Assert.Equal(0, await ReadUntilClosedAsync(held[2], TimeSpan.FromSeconds(10))); // the third from one source
            Assert.Equal(1, _metrics.StreamDropsOf(StreamDrop.TooManyFromSource));

            var waited = TimeProvider.System.GetTimestamp();
            Assert.Equal(0, await ReadUntilClosedAsync(held[0], TimeSpan.FromSeconds(10))); // sent nothing: closed
            Assert.InRange(TimeProvider.System.GetElapsedTime(waited), TimeSpan.Zero, TimeSpan.FromSeconds(9));
            Assert.True(_metrics.StreamDropsOf(StreamDrop.Idle) >= 1);
        }
        finally
        {
            held.ForEach(s => s.Dispose());
        }
    }

    private async Task<Socket> ConnectAsync(IPAddress from)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(from, 0));
        await socket.ConnectAsync(Port);
        return socket;
    }

    /// <summary>Bytes read before the listener closed the connection (0 when it sent nothing), within <paramref name="limit"/>.</summary>
    private static async Task<int> ReadUntilClosedAsync(Socket socket, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        var buffer = new byte[64];
        var total = 0;
        while (true)
        {
            int read;
            try
            {
                read = await socket.ReceiveAsync(buffer, SocketFlags.None, timeout.Token);
            }
            catch (SocketException)
            {
                return total; // reset: closed too
            }

            if (read == 0)
            {
                return total;
            }

            total += read;
        }
    }

    private sealed class Silent : IGossipTransport
    {
        public void Send(IPEndPoint target, ReadOnlySpan<byte> packet)
        {
        }
    }
}
