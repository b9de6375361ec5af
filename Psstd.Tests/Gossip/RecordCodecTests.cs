using Psstd.Gossip.Wire;

namespace Psstd.Tests.Gossip;

public sealed class RecordCodecTests
{
    [Fact]
    public void RoundTrip_KeepsEveryField()
    {
        var record = RecordSamples.Record(cores: 8, generation: 300, sequence: 1_000_000);

        var decoded = RecordCodec.Read(RecordCodec.ToBytes(record));

        Assert.NotNull(decoded);
        Assert.Equal(record with { Metrics = decoded.Metrics }, decoded);
        Assert.Equal(record.Metrics.CoreBusyPercent, decoded.Metrics.CoreBusyPercent);
        Assert.Equal(record.Metrics with { CoreBusyPercent = decoded.Metrics.CoreBusyPercent }, decoded.Metrics);
    }

    [Fact]
    public void Record_Of128CoreHost_FitsTheBudgetOf300Bytes() =>
        Assert.InRange(RecordCodec.ToBytes(RecordSamples.Record(cores: 128)).Length, 1, 300);

    [Fact]
    public void Header_IsReadFromTheFrontAlone()
    {
        var record = RecordSamples.Record(generation: 7, sequence: 123_456);
        var bytes = RecordCodec.ToBytes(record);
        var front = 16 + 1 + 3 + 2 + 2 + 1 + 1 + record.GossipAddress.Length;

        Assert.True(RecordCodec.TryReadHeader(bytes.AsSpan(0, front), out var header, out var address));
        Assert.Equal(new RecordHeader(RecordSamples.NodeA, 7, 123_456, record.Interval, record.Ttl, Left: false), header);
        Assert.Equal(record.GossipAddress, System.Text.Encoding.UTF8.GetString(address));
        Assert.False(RecordCodec.TryReadHeader(bytes.AsSpan(0, front - 1), out _, out _));
    }

    [Fact]
    public void LeftFlag_RoundTrips_AndUnknownFlagsAreRefused()
    {
        var bytes = RecordCodec.ToBytes(RecordSamples.Record() with { Left = true });
        var flagsAt = 16 + 1 + 1 + 2 + 2;

        Assert.True(RecordCodec.Read(bytes)!.Left);
        Assert.True(RecordCodec.TryReadHeader(bytes, out var header, out _) && header.Left);
        bytes[flagsAt] = 0b1000;
        Assert.Null(RecordCodec.Read(bytes));
        bytes[flagsAt] = 0b11; // left and forgotten at once means nothing
        Assert.Null(RecordCodec.Read(bytes));
        Assert.False(RecordCodec.TryReadHeader(bytes, out _, out _));
    }

    [Fact]
    public void IsValid_AgreesWithRead_OnEveryMutation()
    {
        var random = new Random(99);
        var original = RecordCodec.ToBytes(RecordSamples.Record(cores: 12));
        for (var round = 0; round < 20_000; round++)
        {
            var bytes = (byte[])original.Clone();
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            var length = random.Next(bytes.Length - 3, bytes.Length + 1);

            Assert.Equal(RecordCodec.Read(bytes.AsSpan(0, length)) is not null, RecordCodec.IsValid(bytes.AsSpan(0, length)));
        }
    }

    [Fact]
    public void BusyPercent_IsCarriedInHalfPercentSteps()
    {
        var record = RecordSamples.Record(cores: 2) with { Metrics = RecordSamples.Metrics(2) with { CoreBusyPercent = [33.33, 100.7] } };

        Assert.Equal([33.5, 100.0], RecordCodec.Read(RecordCodec.ToBytes(record))!.Metrics.CoreBusyPercent);
    }

    [Fact]
    public void EveryTruncation_IsRejected()
    {
        var bytes = RecordCodec.ToBytes(RecordSamples.Record(cores: 16));
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Null(RecordCodec.Read(bytes.AsSpan(0, length)));
        }
    }

    [Fact]
    public void TrailingBytes_AreRejected() =>
        Assert.Null(RecordCodec.Read([.. RecordCodec.ToBytes(RecordSamples.Record()), 0]));

    [Fact]
    public void HugeCoreCount_IsRejected_WithoutAllocatingForIt()
    {
        // With all metrics zero the metrics section is one byte per field, core count first:
        // core count, machine busy, then 17 zero varints.
        var minimal = RecordSamples.Record(cores: 0) with
        {
            Name = "n", AgentVersion = "", DashboardUrl = "", GossipAddress = "", Metrics = Psstd.Contracts.NodeMetrics.Empty,
        };
        var bytes = RecordCodec.ToBytes(minimal);
        var coresAt = bytes.Length - 19;
        byte[] forged = [.. bytes[..coresAt], 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, .. bytes[(coresAt + 1)..]];

        Assert.Null(RecordCodec.Read(forged));
    }

    [Fact]
    public void RandomMutations_NeverThrow()
    {
        var random = new Random(20261121);
        var original = RecordCodec.ToBytes(RecordSamples.Record(cores: 32));
        for (var round = 0; round < 20_000; round++)
        {
            var bytes = (byte[])original.Clone();
            for (var i = random.Next(1, 6); i > 0; i--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            _ = RecordCodec.Read(bytes.AsSpan(0, random.Next(bytes.Length + 1)));
            _ = RecordCodec.TryReadHeader(bytes, out _, out _);
        }
    }
}
