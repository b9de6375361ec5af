using System.Net;
using System.Net.Sockets;
using Psstd.Agent.Cluster;
using Psstd.Agent.Configuration;

namespace Psstd.Agent.Gossip;

/// <summary>Receives datagrams, decodes them and merges accepted records. Nothing a peer sends can stop it.</summary>
public sealed class GossipReceiver(
    GossipSocket socket,
    AgentSettings settings,
    ClusterState cluster,
    GossipCounters counters,
    ILogger<GossipReceiver> logger) : BackgroundService
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

            Handle(buffer.AsSpan(0, length));
        }
    }

    /// <summary>Decodes and merges one datagram.</summary>
    public void Handle(ReadOnlySpan<byte> packet)
    {
        var outcome = PacketCodec.Decode(packet, settings.Cluster, out var record);
        counters.Received(outcome);
        if (outcome == DecodeOutcome.Accepted && cluster.Merge(record!) == MergeOutcome.Joined)
        {
            GossipLog.NodeJoined(logger, record!.Name, record.GossipAddress);
        }
    }
}
