using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;
using Psstd.Tests.Gossip;

namespace Psstd.Tests.Cluster;

public sealed class TombstoneTests
{
    private static ClusterEntry Held(Psstd.Gossip.Wire.NodeRecord record)
    {
        var bytes = RecordCodec.ToBytes(record);
        Assert.True(RecordCodec.TryReadHeader(bytes, out var header, out var address));
        return ClusterMerge.Apply(null, header, bytes, address, 0).Entry;
    }

    [Fact]
    public void Forever_KeepsTheIdentity_DropsTheSample_AndTakesTheGreatestSequence()
    {
        var record = RecordSamples.Record(cores: 128, generation: 7, sequence: 4242) with { Left = true };

        var tombstone = RecordCodec.Read(Tombstone.Forever(Held(record)))!;

        Assert.Equal(
            record with { Sequence = long.MaxValue, Left = false, DashboardUrl = "", Metrics = NodeMetrics.Empty, Forgotten = true },
            tombstone with { Metrics = NodeMetrics.Empty });
        Assert.Empty(tombstone.Metrics.CoreBusyPercent);
        Assert.Equal(NodeMetrics.Empty with { CoreBusyPercent = [] }, tombstone.Metrics with { CoreBusyPercent = [] });
        Assert.True(Tombstone.IsForever(Header(Tombstone.Forever(Held(record)))));
    }

    [Fact]
    public void Reaped_KeepsTheHeldSequence()
    {
        var header = Header(Tombstone.Reaped(Held(RecordSamples.Record(generation: 3, sequence: 17))));

        Assert.Equal((3L, 17L, true, false), (header.Generation, header.Sequence, header.Forgotten, header.Left));
        Assert.False(Tombstone.IsForever(header));
    }

    [Fact]
    public void Tombstone_FitsTheRecordBudget_AndADatagramWithRoomToSpare()
    {
        var longest = RecordSamples.Record(cores: 128) with
        {
            Name = new string('n', 63),
            AgentVersion = "10.20.30-preview.4",
            GossipAddress = "[fd00:1234:5678:9abc:def0:1234:5678:9abc]:65535",
        };

        Assert.InRange(Tombstone.Forever(Held(longest)).Length, 1, 300);
    }

    [Fact]
    public void EveryAgent_MakesTheSameBytes_FromAnyRecordOfTheGeneration()
    {
        var early = RecordSamples.Record(generation: 5, sequence: 2);
        var late = RecordSamples.Record(generation: 5, sequence: 900) with
        {
            Metrics = RecordSamples.Metrics(4) with { CpuBusyPercent = 99 },
            DashboardUrl = "http://elsewhere:8080/",
        };

        Assert.Equal(Tombstone.Forever(Held(early)), Tombstone.Forever(Held(late)));
    }

    [Fact]
    public void TombstoneOfATombstone_IsTheSame()
    {
        var forever = Tombstone.Forever(Held(RecordSamples.Record(generation: 2, sequence: 9)));

        Assert.Equal(forever, Tombstone.Forever(Held(RecordCodec.Read(forever)!)));
    }

    [Fact]
    public void EveryTruncation_AndEveryFlagMutation_IsRejected_NeverThrown()
    {
        var bytes = Tombstone.Forever(Held(RecordSamples.Record()));
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Null(RecordCodec.Read(bytes.AsSpan(0, length)));
        }

        var flagsAt = 16 + 1 + 9 + 2 + 2; // id, generation, a nine-byte sequence, interval, TTL
        Assert.Equal(2, bytes[flagsAt]);
        for (var flags = 0; flags < 256; flags++)
        {
            var mutated = (byte[])bytes.Clone();
            mutated[flagsAt] = (byte)flags;
            // Only the forgotten flag fits: the sequence of an operator's tombstone is no record's (VersionLimits.IsPlausible).
            Assert.Equal(flags == 2, RecordCodec.Read(mutated) is not null);
        }
    }

    private static RecordHeader Header(byte[] bytes)
    {
        Assert.True(RecordCodec.TryReadHeader(bytes, out var header, out _));
        return header;
    }
}
