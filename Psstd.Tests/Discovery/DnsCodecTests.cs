using System.Net;
using Psstd.Agent.Discovery;
using Psstd.Agent.Discovery.Dns;

namespace Psstd.Tests.Discovery;

public sealed class DnsCodecTests
{
    [Fact]
    public void Announcement_RoundTrips_WithEveryRecordTypeAndBit()
    {
        var sent = DnsSamples.Announcement(DnsSamples.Advertisement(), DnsSamples.V4, DnsSamples.V6);
        var read = DnsSamples.Decode(DnsSamples.Bytes(sent));

        Assert.True(read.IsResponse);
        Assert.Equal(sent.Answers.Count, read.Answers.Count);
        for (var i = 0; i < sent.Answers.Count; i++)
        {
            Assert.True(sent.Answers[i].SameAs(read.Answers[i]), $"record {i}: {sent.Answers[i]} != {read.Answers[i]}");
            Assert.Equal(sent.Answers[i].Ttl, read.Answers[i].Ttl);
            Assert.Equal(sent.Answers[i].CacheFlush, read.Answers[i].CacheFlush);
        }

        var txt = (TxtData)read.Answers.Single(r => r.Type == DnsRecordType.Txt).Data;
        Assert.Equal(DnsSamples.NodeId.ToString(), txt.Get("id"));
        Assert.Equal("psstd", txt.Get("CLUSTER"));
        Assert.Equal("http://10.213.7.2:8080/", txt.Get("dash"));
    }

    [Fact]
    public void Names_AreCompressed_AgainstEarlierSuffixes()
    {
        var message = DnsSamples.Announcement(DnsSamples.Advertisement());
        var compressed = DnsSamples.Bytes(message).Length;
        var uncompressed = 12 + message.Answers.Sum(r => r.Name.WireLength + 10 + DnsMessageWriter.DataBytes(r.Data).Length);

        Assert.True(compressed < uncompressed * 3 / 4, $"{compressed} bytes compressed, {uncompressed} without");
    }

    [Fact]
    public void QuestionBits_AndInstanceLabelsWithDotsAndSpaces_RoundTrip()
    {
        var name = MdnsConstants.ServiceType.Prepend("rack 4.node (2)");
        var query = DnsMessage.Query([new DnsQuestion(name, DnsRecordType.Any, UnicastResponse: true)]);

        var read = DnsSamples.Decode(DnsSamples.Bytes(query));

        var question = Assert.Single(read.Questions);
        Assert.Equal(name, question.Name);
        Assert.Equal("rack 4.node (2)", question.Name.Labels[0]);
        Assert.True(question.UnicastResponse);
        Assert.Equal(DnsRecordType.Any, question.Type);
        Assert.Equal(@"rack 4\.node (2)._psstd._tcp.local.", name.ToString());
    }

    [Fact]
    public void Nsec_TypeBitmap_RoundTrips()
    {
        var host = DnsName.Parse("psstd-node-1.local");
        var record = new DnsRecord(host, DnsRecordType.Nsec, 120, new NsecData(host, [DnsRecordType.A, DnsRecordType.Aaaa]), CacheFlush: true);

        var read = DnsSamples.Decode(DnsSamples.Bytes(DnsMessage.Response([record])));

        Assert.True(record.SameAs(Assert.Single(read.Answers)));
    }

    [Fact]
    public void UnknownTypes_AreKeptAsRawBytes()
    {
        var record = new DnsRecord(DnsName.Parse("x.local"), (DnsRecordType)13, 60, new RawData([1, 2, 3]));

        var read = DnsSamples.Decode(DnsSamples.Bytes(DnsMessage.Response([record])));

        Assert.Equal([1, 2, 3], Assert.IsType<RawData>(Assert.Single(read.Answers).Data).Bytes);
    }

    [Theory]
    [InlineData(new byte[] { 0xC0, 12 }, (int)DnsDecodeError.BadPointer)]          // points at itself
    [InlineData(new byte[] { 0xC0, 14 }, (int)DnsDecodeError.BadPointer)]          // points forward
    [InlineData(new byte[] { 1, (byte)'a', 0xC0, 12 }, (int)DnsDecodeError.BadPointer)] // back to the start of its own name: a loop
    [InlineData(new byte[] { 0x40, 1 }, (int)DnsDecodeError.BadName)]              // extended label type
    [InlineData(new byte[] { 0x80, 1 }, (int)DnsDecodeError.BadName)]              // reserved label type
    [InlineData(new byte[] { 5, (byte)'a' }, (int)DnsDecodeError.Truncated)]       // label runs off the end
    [InlineData(new byte[] { 0xC0 }, (int)DnsDecodeError.Truncated)]               // half a pointer
    public void HostileQuestionNames_AreRefused(byte[] name, int expected)
    {
        byte[] packet = [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, .. name, 0, 1, 0, 1];

        Assert.Equal((DnsDecodeError)expected, DnsMessageReader.TryRead(packet, out var message));
        Assert.Null(message);
    }

    [Fact]
    public void TwoPointersThatPointAtEachOther_AreALoop_AndRefused()
    {
        // Question 1 is a plain name at 12; question 2's name points back into question 1, whose
        // label there is in turn replaced by a pointer forward to question 2: a two-step loop.
        byte[] packet = [0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0xC0, 18, 0, 1, 0, 1, 0xC0, 12, 0, 1, 0, 1];

        Assert.Equal(DnsDecodeError.BadPointer, DnsMessageReader.TryRead(packet, out _));
    }

    [Fact]
    public void NamesOver255Bytes_AreRefused_EvenWhenBuiltFromPointers()
    {
        // 5 labels of 63 bytes spelled out is already 320 bytes.
        var name = Enumerable.Range(0, 5).SelectMany(_ => new byte[] { 63 }.Concat(Enumerable.Repeat((byte)'a', 63))).ToArray();
        byte[] packet = [0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, .. name, 0, 0, 1, 0, 1];

        Assert.Equal(DnsDecodeError.BadName, DnsMessageReader.TryRead(packet, out _));
    }

    [Fact]
    public void HeaderCounts_BeyondThePacket_AreRefusedBeforeAllocating()
    {
        byte[] packet = [0, 0, 0x84, 0, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0];

        Assert.Equal(DnsDecodeError.Truncated, DnsMessageReader.TryRead(packet, out _));
    }

    [Theory]
    [InlineData((int)DnsRecordType.A, new byte[] { 10, 0, 0 })]
    [InlineData((int)DnsRecordType.Aaaa, new byte[] { 1, 2, 3, 4 })]
    [InlineData((int)DnsRecordType.Txt, new byte[] { 5, (byte)'a' })]
    [InlineData((int)DnsRecordType.Srv, new byte[] { 0, 0, 0, 0, 0x1F })]
    [InlineData((int)DnsRecordType.Ptr, new byte[] { 1, (byte)'a', 0, 7 })] // a name with bytes after it
    public void RecordData_ThatDoesNotMatchItsType_IsRefused(int type, byte[] data)
    {
        byte[] packet = [0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, (byte)'x', 0, 0, (byte)type, 0, 1, 0, 0, 0, 60, 0, (byte)data.Length, .. data];

        Assert.Equal(DnsDecodeError.BadRecord, DnsMessageReader.TryRead(packet, out _));
    }

    [Fact]
    public void Writer_RefusesWhatTheWireCannotCarry()
    {
        var longLabel = new DnsName([new string('a', 64), "local"]);
        var longText = new TxtData([new string('t', 256)]);

        Assert.Null(DnsMessageWriter.ToBytes(DnsMessage.Query([new DnsQuestion(longLabel, DnsRecordType.A)])));
        Assert.Null(DnsMessageWriter.ToBytes(DnsMessage.Response([new DnsRecord(DnsName.Parse("x.local"), DnsRecordType.Txt, 1, longText)])));
        Assert.Equal(0, DnsMessageWriter.Write(DnsSamples.Announcement(DnsSamples.Advertisement()), new byte[40]));
    }

    [Fact]
    public void Names_CompareWithoutAsciiCase()
    {
        Assert.Equal(DnsName.Parse("_PSSTD._tcp.Local"), MdnsConstants.ServiceType);
        Assert.Equal(DnsName.Parse("_PSSTD._tcp.Local").GetHashCode(), MdnsConstants.ServiceType.GetHashCode());
        Assert.NotEqual(DnsName.Parse("_psstd._udp.local"), MdnsConstants.ServiceType);
        Assert.Equal(IPAddress.Parse("10.213.7.2"), ((AddressData)DnsSamples.Announcement(DnsSamples.Advertisement()).Answers[^1].Data).Address);
    }
}
