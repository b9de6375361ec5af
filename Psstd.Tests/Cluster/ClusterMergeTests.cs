using System.Net;
using Psstd.Agent.Cluster;
using Psstd.Agent.Gossip;
using Psstd.Agent.Gossip.Wire;
using Psstd.Tests.Gossip;

namespace Psstd.Tests.Cluster;

public sealed class ClusterMergeTests
{
    private static (ClusterEntry Entry, MergeOutcome Outcome) Apply(ClusterEntry? held, NodeRecord record, long now)
    {
        var bytes = RecordCodec.ToBytes(record);
        Assert.True(RecordCodec.TryReadHeader(bytes, out var header, out var address));
        return ClusterMerge.Apply(held, header, bytes, address, now);
    }

    private static ClusterEntry Held(long generation, long sequence, long seen) =>
        Apply(null, RecordSamples.Record(generation: generation, sequence: sequence), seen).Entry;

    [Fact]
    public void UnknownNode_Joins_SeenNow()
    {
        var record = RecordSamples.Record();

        var (entry, outcome) = Apply(null, record, now: 100);

        Assert.Equal(MergeOutcome.Joined, outcome);
        Assert.Equal(record.Id, entry.Id);
        Assert.Equal(100, entry.SeenTimestamp);
        Assert.Equal(RecordCodec.ToBytes(record), entry.Encoded);
        Assert.Equal(record.Metrics.CoreBusyPercent, entry.Decode().Metrics.CoreBusyPercent);
    }

    [Fact]
    public void HigherSequence_Replaces_SeenNow()
    {
        var (entry, outcome) = Apply(Held(1, 5, 100), RecordSamples.Record(sequence: 6), 200);

        Assert.Equal(MergeOutcome.Updated, outcome);
        Assert.Equal((6L, 200L), (entry.Header.Sequence, entry.SeenTimestamp));
    }

    [Fact]
    public void NewGeneration_WinsOverAnyOldSequence() =>
        Assert.Equal(MergeOutcome.Updated, Apply(Held(1, 50_000, 100), RecordSamples.Record(generation: 2, sequence: 1), 200).Outcome);

    [Theory]
    [InlineData(1, 5)]
    [InlineData(1, 4)]
    [InlineData(0, 99)]
    public void SameOrOlder_IsIgnored_AndKeepsTheSeenTime(long generation, long sequence)
    {
        var held = Held(1, 5, 100);

        var (entry, outcome) = Apply(held, RecordSamples.Record(generation: generation, sequence: sequence), 900);

        Assert.Equal(MergeOutcome.Ignored, outcome);
        Assert.Same(held, entry);
    }

    [Fact]
    public void GossipAddress_IsParsedOnce_AndOnlyWhenItIsAnIpLiteral()
    {
        var first = Held(1, 1, 1);
        var (next, _) = Apply(first, RecordSamples.Record(sequence: 2), 2);
        var (named, _) = Apply(null, RecordSamples.Record() with { GossipAddress = "node-a.lan:7947" }, 1);

        Assert.Equal(IPEndPoint.Parse("10.200.30.40:7947"), first.GossipEndPoint);
        Assert.Same(first.GossipEndPoint, next.GossipEndPoint);
        Assert.Same(first.GossipAddress, next.GossipAddress);
        Assert.Null(named.GossipEndPoint);
        Assert.Equal("node-a.lan:7947", named.GossipAddress);
    }

    [Fact]
    public void AnyArrivalOrder_AnyRepetition_EndsWithTheGreatestRecord()
    {
        var versions = new[] { (1L, 3L), (2L, 1L), (1L, 9L), (2L, 2L), (2L, 2L), (1L, 1L) };
        var random = new Random(7);
        for (var round = 0; round < 200; round++)
        {
            ClusterEntry? held = null;
            foreach (var (generation, sequence) in versions.Concat(versions.Take(random.Next(versions.Length))).OrderBy(_ => random.Next()))
            {
                held = Apply(held, RecordSamples.Record(generation: generation, sequence: sequence), round).Entry;
            }

            Assert.Equal((2L, 2L), (held!.Header.Generation, held.Header.Sequence));
        }
    }
}
