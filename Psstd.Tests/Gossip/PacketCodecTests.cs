using Psstd.Agent.Gossip;

namespace Psstd.Tests.Gossip;

public sealed class PacketCodecTests
{
    private const string Cluster = "psstd";

    private static byte[] Encode(NodeRecord record, string cluster = Cluster)
    {
        var buffer = new byte[PacketCodec.MaxDatagramBytes];
        var length = PacketCodec.Encode(cluster, record, buffer);
        Assert.True(length > 0);
        return buffer[..length];
    }

    [Fact]
    public void RoundTrip_KeepsEveryField()
    {
        var record = RecordSamples.Record(cores: 8, generation: 300, sequence: 1_000_000);

        Assert.Equal(DecodeOutcome.Accepted, PacketCodec.Decode(Encode(record), Cluster, out var decoded));

        Assert.NotNull(decoded);
        Assert.Equal(record with { Metrics = decoded.Metrics }, decoded);
        Assert.Equal(record.Metrics.CoreBusyPercent, decoded.Metrics.CoreBusyPercent);
        Assert.Equal(record.Metrics with { CoreBusyPercent = decoded.Metrics.CoreBusyPercent }, decoded.Metrics);
    }

    [Fact]
    public void Record_Of128CoreHost_FitsTheBudgetOf300Bytes()
    {
        var packet = Encode(RecordSamples.Record(cores: 128));

        Assert.InRange(packet.Length, 1, 300);
    }

    [Fact]
    public void BusyPercent_IsCarriedInHalfPercentSteps()
    {
        var record = RecordSamples.Record(cores: 2) with { Metrics = RecordSamples.Metrics(2) with { CoreBusyPercent = [33.33, 100.7] } };

        PacketCodec.Decode(Encode(record), Cluster, out var decoded);

        Assert.Equal([33.5, 100.0], decoded!.Metrics.CoreBusyPercent);
    }

    [Fact]
    public void OtherCluster_IsDropped()
    {
        Assert.Equal(DecodeOutcome.OtherCluster, PacketCodec.Decode(Encode(RecordSamples.Record(), "lab"), Cluster, out var record));
        Assert.Null(record);
    }

    [Fact]
    public void UnknownWireVersion_IsDroppedBeforeDecoding()
    {
        var packet = Encode(RecordSamples.Record());
        packet[2] = 99;

        Assert.Equal(DecodeOutcome.UnsupportedVersion, PacketCodec.Decode(packet, Cluster, out _));
    }

    [Fact]
    public void ForeignBytes_AreNotPsstd()
    {
        Assert.Equal(DecodeOutcome.NotPsstd, PacketCodec.Decode("GET / HTTP/1.1\r\n"u8, Cluster, out _));
        Assert.Equal(DecodeOutcome.NotPsstd, PacketCodec.Decode([], Cluster, out _));
    }

    [Fact]
    public void EveryTruncation_IsRejectedWithoutThrowing()
    {
        var packet = Encode(RecordSamples.Record(cores: 16));
        for (var length = 0; length < packet.Length; length++)
        {
            var outcome = PacketCodec.Decode(packet.AsSpan(0, length), Cluster, out var record);
            Assert.NotEqual(DecodeOutcome.Accepted, outcome);
            Assert.Null(record);
        }
    }

    [Fact]
    public void TrailingBytes_AreMalformed()
    {
        byte[] packet = [.. Encode(RecordSamples.Record()), 0];

        Assert.Equal(DecodeOutcome.Malformed, PacketCodec.Decode(packet, Cluster, out _));
    }

    [Fact]
    public void HugeCoreCount_IsMalformed_AndAllocatesNothingForIt()
    {
        var forged = ForgeCoreCount(uint.MaxValue);

        Assert.Equal(DecodeOutcome.Malformed, PacketCodec.Decode(forged, Cluster, out _));
    }

    [Fact]
    public void RandomMutations_NeverThrow()
    {
        var random = new Random(20261121);
        var original = Encode(RecordSamples.Record(cores: 32));
        for (var round = 0; round < 20_000; round++)
        {
            var packet = (byte[])original.Clone();
            var flips = random.Next(1, 6);
            for (var i = 0; i < flips; i++)
            {
                packet[random.Next(packet.Length)] = (byte)random.Next(256);
            }

            var outcome = PacketCodec.Decode(packet.AsSpan(0, random.Next(packet.Length + 1)), Cluster, out var record);
            Assert.Equal(outcome == DecodeOutcome.Accepted, record is not null);
        }
    }

    /// <summary>A valid header and identity followed by a core count far past any machine.</summary>
    private static byte[] ForgeCoreCount(uint cores)
    {
        var minimal = RecordSamples.Record(cores: 0) with
        {
            Name = "n",
            AgentVersion = "",
            DashboardUrl = "",
            GossipAddress = "",
            Metrics = Psstd.Contracts.NodeMetrics.Empty,
        };
        var packet = Encode(minimal);

        // With all metrics zero, the metrics section is one byte per field, core count first.
        var prefixLength = packet.Length - MetricsLengthOfEmpty();
        var varint = new List<byte>();
        var value = cores;
        while (value >= 0x80)
        {
            varint.Add((byte)(value | 0x80));
            value >>= 7;
        }

        varint.Add((byte)value);
        return [.. packet[..prefixLength], .. varint, .. packet[(prefixLength + 1)..]];
    }

    /// <summary>Core count, machine-wide busy, then 17 zero varints (cores, memory x3, swap x2, loads x3,
    /// uptime, file system x2, rates x4, processes).</summary>
    private static int MetricsLengthOfEmpty() => 1 + 1 + 17;
}
