using System.Net;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;
using Psstd.Tests.Support;
using Psstd.Gossip.Telemetry;

namespace Psstd.Tests.Gossip;

public sealed partial class GossipEngineTests
{
    /// <summary>Counts the pings an engine sends, and delivers nothing.</summary>
    private sealed class PingCounter : IGossipTransport
    {
        public int Pings { get; private set; }

        public void Send(IPEndPoint target, ReadOnlySpan<byte> packet) => Pings += KindOf(packet) == MessageKind.Ping ? 1 : 0;
    }

    [Theory]
    [InlineData(1000, 64)] // up to 2,560 nodes: the configured 64
    [InlineData(4000, 100)] // past it: one known node in 40
    public void OneRound_StartsProbesOfAtMostTheLimit_WhichGrowsWithTheCluster(int silentPeers, int probes)
    {
        var clock = new ManualTimeProvider();
        var cluster = new ClusterState(clock);
        for (var i = 0; i < silentPeers; i++)
        {
            cluster.Merge(RecordCodec.ToBytes(RecordSamples.Record(id: new Guid(i, 3, 3, [0, 0, 0, 0, 0, 0, 0, 3]), name: $"peer-{i}")
                with { GossipAddress = $"198.51.{i / 250}.{(i % 250) + 1}:7947" }));
        }

        var transport = new PingCounter();
        var engine = new GossipEngine(
            new GossipOptions { Cluster = "test", AntiEntropyEvery = Timeout.InfiniteTimeSpan }, Guid.NewGuid(), cluster, transport, new GossipMetrics(), clock, new Random(1));
        clock.Advance(TimeSpan.FromSeconds(3)); // every peer's 1 s record silent for longer than two intervals

        engine.Tick();

        Assert.Equal(probes, transport.Pings);
    }
}
