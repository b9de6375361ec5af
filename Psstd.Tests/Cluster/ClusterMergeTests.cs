using System.Net;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;
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

    private static (ClusterEntry Entry, MergeOutcome Outcome) ApplyBytes(ClusterEntry? held, byte[] bytes, long now)
    {
        Assert.True(RecordCodec.TryReadHeader(bytes, out var header, out var address));
        return ClusterMerge.Apply(held, header, bytes, address, now);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(VersionLimits.MaxValue)] // the largest sequence a record may carry
    public void Tombstone_BeatsEveryRecordOfItsGeneration_WhicheverArrivesFirst(long sequence)
    {
        var tombstone = Tombstone.Forever(Held(3, 1, 0));
        var record = RecordSamples.Record(generation: 3, sequence: sequence);

        var (buried, outcome) = Apply(ApplyBytes(null, tombstone, 10).Entry, record, 20);
        var (late, _) = ApplyBytes(Apply(null, record, 10).Entry, tombstone, 20);

        Assert.Equal(MergeOutcome.Ignored, outcome);
        Assert.Equal(tombstone, buried.Encoded);
        Assert.Equal(10, buried.SeenTimestamp);
        Assert.Equal(tombstone, late.Encoded);
        Assert.True(late.Header.Forgotten);
    }

    [Fact]
    public void NewGeneration_BeatsTheTombstone_AndAnOlderOneDoesNot()
    {
        var tombstone = ApplyBytes(null, Tombstone.Forever(Held(3, 40, 0)), 10).Entry;

        var (back, outcome) = Apply(tombstone, RecordSamples.Record(generation: 4, sequence: 1), 20);

        Assert.Equal(MergeOutcome.Updated, outcome);
        Assert.Equal((4L, 1L, false, 20L), (back.Header.Generation, back.Header.Sequence, back.Header.Forgotten, back.SeenTimestamp));
        Assert.Equal(MergeOutcome.Ignored, Apply(tombstone, RecordSamples.Record(generation: 2, sequence: 99), 20).Outcome);
        Assert.Equal(MergeOutcome.Ignored, ApplyBytes(back, Tombstone.Forever(tombstone), 30).Outcome);
    }

    [Fact]
    public void Tombstone_IsIdempotent()
    {
        var bytes = Tombstone.Forever(Held(1, 5, 0));
        var first = ApplyBytes(null, bytes, 10).Entry;

        var (again, outcome) = ApplyBytes(first, (byte[])bytes.Clone(), 20);

        Assert.Equal(MergeOutcome.Ignored, outcome);
        Assert.Same(first, again);
    }

    [Fact]
    public void ReapTombstone_BeatsTheRecordItBuries_AndYieldsToTheNextSequence()
    {
        var held = Held(2, 30, 0);
        var reaped = ApplyBytes(held, Tombstone.Reaped(held), 10);

        Assert.Equal(MergeOutcome.Updated, reaped.Outcome);
        Assert.Equal(MergeOutcome.Ignored, Apply(reaped.Entry, RecordSamples.Record(generation: 2, sequence: 30), 20).Outcome);
        Assert.Equal(MergeOutcome.Updated, Apply(reaped.Entry, RecordSamples.Record(generation: 2, sequence: 31), 20).Outcome);
        Assert.Equal(MergeOutcome.Updated, ApplyBytes(reaped.Entry, Tombstone.Forever(held), 20).Outcome);
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
