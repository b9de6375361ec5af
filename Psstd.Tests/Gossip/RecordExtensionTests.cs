using Psstd.Contracts;
using Psstd.Gossip.Wire;

namespace Psstd.Tests.Gossip;

/// <summary>The record's extension (wire version 3): its fields, its checks, and the record a version 2 peer gets.</summary>
public sealed class RecordExtensionTests
{
    private const int FlagsAt = 16 + 1 + 1 + 2 + 2; // id, generation, sequence, interval and TTL of RecordSamples.Record

    [Fact]
    public void RoundTrip_KeepsEveryExtensionField()
    {
        var record = RecordSamples.Extended(cores: 6);

        var decoded = RecordCodec.Read(RecordCodec.ToBytes(record));

        Assert.NotNull(decoded);
        Assert.Equal(record.Metrics.CpuShares, decoded.Metrics.CpuShares);
        Assert.Equal(record.Metrics.CoreKernelPercent, decoded.Metrics.CoreKernelPercent);
        Assert.Equal(record.Metrics.MemoryCacheBytes, decoded.Metrics.MemoryCacheBytes);
        Assert.Equal(record.Tags, decoded.Tags);
        Assert.Equal(record.AlertsFingerprint, decoded.AlertsFingerprint);
        Assert.Equal(record.Silences, decoded.Silences);
        Assert.Equal(record.DeliveredNotices, decoded.DeliveredNotices);
        Assert.True(RecordCodec.IsValid(RecordCodec.ToBytes(record)));
    }

    [Fact]
    public void RecordWithoutExtensionFields_IsByteForByteAVersion2Record()
    {
        var bytes = RecordCodec.ToBytes(RecordSamples.Record(cores: 8));

        Assert.Equal(0, bytes[FlagsAt]);
        var stripped = new byte[bytes.Length];
        Assert.Equal(bytes.Length, RecordCodec.WriteWithoutExtension(bytes, stripped));
        Assert.Equal(bytes, stripped);
    }

    [Fact]
    public void WithoutExtension_IsTheVersion2EncodingOfTheSameRecord()
    {
        var record = RecordSamples.Extended(cores: 16);
        var extended = RecordCodec.ToBytes(record);
        var plain = RecordCodec.ToBytes(RecordSamples.Record(cores: 16)); // the same node and version, no extension fields
        var stripped = new byte[extended.Length];

        var length = RecordCodec.WriteWithoutExtension(extended, stripped);

        Assert.Equal(plain, stripped[..length]);
        Assert.Equal(0, RecordCodec.WriteWithoutExtension(extended.AsSpan(0, extended.Length - 1), stripped));
    }

    [Fact]
    public void Record_Of128CoreHost_WithTheCpuSplit_StaysUnder450Bytes()
    {
        var record = RecordSamples.Extended(cores: 128) with { Tags = new Dictionary<string, string>(), AlertsFingerprint = "", Silences = [], DeliveredNotices = [] };

        Assert.InRange(RecordCodec.ToBytes(record).Length, 1, 450);
    }

    [Fact]
    public void UnknownField_OfALaterVersion_IsSkipped()
    {
        var bytes = RecordCodec.ToBytes(RecordSamples.Extended());
        var later = Append(bytes, [200, 3, 1, 2, 3]); // tag 200, three bytes

        var decoded = RecordCodec.Read(later);

        Assert.NotNull(decoded);
        Assert.Equal(RecordSamples.Extended().Tags, decoded.Tags);
    }

    [Fact]
    public void RepeatedField_IsRefused()
    {
        var bytes = RecordCodec.ToBytes(RecordSamples.Record() with { Metrics = RecordSamples.Metrics(4) with { CpuShares = new CpuShares(1, 2, 3, 4) } });

        Assert.Null(RecordCodec.Read(Append(bytes, [1, 4, 2, 2, 2, 2]))); // the shares a second time
        Assert.False(RecordCodec.IsValid(Append(bytes, [1, 4, 2, 2, 2, 2])));
    }

    [Theory]
    [InlineData(new byte[] { 1, 4, 2, 2, 2, 201 })] // a share past 100 %
    [InlineData(new byte[] { 1, 3, 2, 2, 2 })] // a share missing
    [InlineData(new byte[] { 2, 3, 1, 1, 1 })] // kernel shares of three cores on a four-core record
    [InlineData(new byte[] { 4, 5, 1, 1, (byte)'A', 1, (byte)'b' })] // a tag key in capitals
    [InlineData(new byte[] { 5, 4, 1, 2, 3, 4 })] // a fingerprint of four bytes
    [InlineData(new byte[] { 3, 2, 0x80 })] // a varint cut short
    [InlineData(new byte[] { 3, 9, 1 })] // an item longer than the tail
    public void MalformedField_IsRefused(byte[] tail)
    {
        var bytes = Append(RecordCodec.ToBytes(RecordSamples.Record()), tail);

        Assert.Null(RecordCodec.Read(bytes));
        Assert.False(RecordCodec.IsValid(bytes));
    }

    [Fact]
    public void Tags_OutOfOrderOrOverTheirBudget_AreRefused()
    {
        var twice = new byte[] { 4, 9, 2, 1, (byte)'b', 1, (byte)'x', 1, (byte)'a', 1, (byte)'y' }; // b before a
        Assert.Null(RecordCodec.Read(Append(RecordCodec.ToBytes(RecordSamples.Record()), twice)));

        var big = new List<byte> { 16 };
        for (var i = 0; i < 16; i++)
        {
            big.AddRange([2, (byte)'k', (byte)('a' + i), 30, .. Enumerable.Repeat((byte)'v', 30)]);
        }

        Assert.Null(RecordCodec.Read(Append(RecordCodec.ToBytes(RecordSamples.Record()), [4, (byte)big.Count, .. big])));
    }

    [Fact]
    public void Silence_OfNoTimeOrPastTheLongest_IsRefused()
    {
        var record = RecordSamples.Extended();
        var none = record with { Silences = [record.Silences[0] with { Remaining = TimeSpan.Zero }] };
        var tooLong = record with { Silences = [record.Silences[0] with { Remaining = SilenceClaim.MaxDuration + TimeSpan.FromSeconds(1) }] };

        Assert.Null(RecordCodec.Read(RecordCodec.ToBytes(none)));
        Assert.Null(RecordCodec.Read(RecordCodec.ToBytes(tooLong)));
    }

    [Fact]
    public void EveryTruncationOfAnExtendedRecord_IsRejected()
    {
        var bytes = RecordCodec.ToBytes(RecordSamples.Extended(cores: 3));
        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.Null(RecordCodec.Read(bytes.AsSpan(0, length)));
            Assert.False(RecordCodec.IsValid(bytes.AsSpan(0, length)));
        }
    }

    [Fact]
    public void IsValid_AgreesWithRead_OnEveryMutationOfAnExtendedRecord()
    {
        var random = new Random(7);
        var original = RecordCodec.ToBytes(RecordSamples.Extended(cores: 5));
        for (var round = 0; round < 20_000; round++)
        {
            var bytes = (byte[])original.Clone();
            bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            Assert.Equal(RecordCodec.Read(bytes) is not null, RecordCodec.IsValid(bytes));
        }
    }

    /// <summary>The record with <paramref name="items"/> as its (only or further) extension items, flag and length set.</summary>
    private static byte[] Append(byte[] record, byte[] items)
    {
        var extended = (record[FlagsAt] & 4) != 0;
        if (!extended)
        {
            var bytes = (byte[])record.Clone();
            bytes[FlagsAt] |= 4;
            return [.. bytes, (byte)items.Length, .. items];
        }

        // The sample tails are shorter than 128 bytes: their length is the one byte before the first item.
        var baseLength = BaseLength(record);
        var tail = record[(baseLength + 1)..];
        return [.. record[..baseLength], (byte)(tail.Length + items.Length), .. tail, .. items];
    }

    private static int BaseLength(byte[] record)
    {
        var buffer = new byte[record.Length];
        return RecordCodec.WriteWithoutExtension(record, buffer);
    }
}
