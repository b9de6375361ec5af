using Microsoft.Extensions.Time.Testing;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;
using Psstd.Tests.Support;

namespace Psstd.Tests.Gossip;

public sealed partial class GossipEngineTests
{
    [Theory]
    [InlineData(1000, 64)] // up to 2,560 nodes: the configured 64
    [InlineData(4000, 100)] // past it: one known node in 40
    public void OneRound_StartsProbesOfAtMostTheLimit_WhichGrowsWithTheCluster(int silentPeers, int probes)
    {
        var clock = new FakeTimeProvider();
        var prober = new GossipNetwork(clock).Add(0, new GossipOptions { Cluster = "test", AntiEntropyEvery = Timeout.InfiniteTimeSpan });
        for (var i = 0; i < silentPeers; i++)
        {
            prober.Cluster.Merge(RecordCodec.ToBytes(RecordSamples.Record(id: new Guid(i, 3, 3, [0, 0, 0, 0, 0, 0, 0, 3]), name: $"peer-{i}")
                with { GossipAddress = $"198.51.{i / 250}.{(i % 250) + 1}:7947" }));
        }

        clock.Advance(TimeSpan.FromSeconds(3)); // every peer's 1 s record silent for longer than two intervals

        prober.Engine.Tick();

        Assert.Equal(probes, prober.Sent.Count(p => p.Kind == MessageKind.Ping));
    }
}
