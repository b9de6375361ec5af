using System.Net.Sockets;
using Psstd.Agent.Configuration;
using Psstd.Agent.Heartbeat;

namespace Psstd.Agent.Gossip;

/// <summary>
/// Every interval, sends this node's current record to every seed and known peer.
/// </summary>
/// <remarks>
/// The foundation's gossip: direct, no relay. It is enough for clusters where every node reaches every
/// other (seeded with all, as the AppHost does); protocol v1 replaces it with epidemic relay and
/// anti-entropy.
/// </remarks>
public sealed class GossipSender(
    GossipSocket socket,
    AgentSettings settings,
    LocalNode local,
    PeerDirectory peers,
    GossipCounters counters,
    TimeProvider time,
    ILogger<GossipSender> logger) : BackgroundService
{
    private readonly byte[] _buffer = new byte[PacketCodec.MaxDatagramBytes];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        GossipLog.Listening(logger, settings.Gossip, settings.AdvertiseGossip, settings.Cluster, settings.Seeds);
        using var timer = new PeriodicTimer(settings.Interval, time);
        do
        {
            await TickAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task TickAsync(CancellationToken cancellationToken)
    {
        var record = local.Current;
        var length = PacketCodec.Encode(settings.Cluster, record, _buffer);
        if (length == 0)
        {
            GossipLog.RecordTooLarge(logger, record.Name);
            return;
        }

        foreach (var target in await peers.TargetsAsync(record.Id, cancellationToken))
        {
            try
            {
                await socket.Socket.SendToAsync(_buffer.AsMemory(0, length), SocketFlags.None, target, cancellationToken);
                counters.Sent();
            }
            catch (SocketException ex)
            {
                counters.SendFailed();
                GossipLog.SendFailed(logger, target, ex);
            }
        }
    }
}
