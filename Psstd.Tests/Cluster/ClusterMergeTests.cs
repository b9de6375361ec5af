using Psstd.Agent.Cluster;
using Psstd.Tests.Gossip;

namespace Psstd.Tests.Cluster;

public sealed class ClusterMergeTests
{
    [Fact]
    public void UnknownNode_Joins_SeenNow()
    {
        var record = RecordSamples.Record();

        var (entry, outcome) = ClusterMerge.Apply(null, record, now: 100);

        Assert.Equal(MergeOutcome.Joined, outcome);
        Assert.Equal(new ClusterEntry(record, 100), entry);
    }

    [Fact]
    public void HigherSequence_Replaces_SeenNow()
    {
        var held = new ClusterEntry(RecordSamples.Record(sequence: 5), 100);
        var newer = RecordSamples.Record(sequence: 6);

        Assert.Equal((new ClusterEntry(newer, 200), MergeOutcome.Updated), ClusterMerge.Apply(held, newer, 200));
    }

    [Fact]
    public void NewGeneration_WinsOverAnyOldSequence()
    {
        var held = new ClusterEntry(RecordSamples.Record(generation: 1, sequence: 50_000), 100);
        var restarted = RecordSamples.Record(generation: 2, sequence: 1);

        Assert.Equal(MergeOutcome.Updated, ClusterMerge.Apply(held, restarted, 200).Outcome);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(1, 4)]
    [InlineData(0, 99)]
    public void SameOrOlder_IsIgnored_AndKeepsTheSeenTime(long generation, long sequence)
    {
        var held = new ClusterEntry(RecordSamples.Record(generation: 1, sequence: 5), 100);

        var (entry, outcome) = ClusterMerge.Apply(held, RecordSamples.Record(generation: generation, sequence: sequence), 900);

        Assert.Equal(MergeOutcome.Ignored, outcome);
        Assert.Equal(held, entry);
    }

    [Fact]
    public void AnyArrivalOrder_EndsWithTheGreatestRecord()
    {
        var records = new[] { (1L, 3L), (2L, 1L), (1L, 9L), (2L, 2L), (2L, 2L), (1L, 1L) }
            .Select(v => RecordSamples.Record(generation: v.Item1, sequence: v.Item2)).ToArray();
        var random = new Random(7);
        for (var round = 0; round < 200; round++)
        {
            ClusterEntry? held = null;
            foreach (var record in records.OrderBy(_ => random.Next()))
            {
                held = ClusterMerge.Apply(held, record, round).Entry;
            }

            Assert.Equal((2L, 2L), (held!.Value.Record.Generation, held.Value.Record.Sequence));
        }
    }
}
