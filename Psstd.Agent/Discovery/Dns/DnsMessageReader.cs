using System.Buffers.Binary;
using System.Net;
using System.Text;

namespace Psstd.Agent.Discovery.Dns;

/// <summary>
/// Decodes a DNS message from an untrusted datagram. Never throws: anything malformed returns an error.
/// </summary>
/// <remarks>
/// Name compression (RFC 1035 section 4.1.4) is followed only backwards: every pointer must point
/// strictly before the place the current run of labels started, so a loop or a forward jump is refused
/// and decoding a name takes at most as many steps as the packet has bytes. Labels and names are held
/// to their wire limits, and section counts are checked against the bytes left before anything is
/// allocated for them.
/// </remarks>
internal static class DnsMessageReader
{
    private const int HeaderBytes = 12;
    private const int MinQuestionBytes = 5;
    private const int MinRecordBytes = 11;

    public static DnsDecodeError TryRead(ReadOnlySpan<byte> packet, out DnsMessage? message)
    {
        message = null;
        if (packet.Length < HeaderBytes)
        {
            return DnsDecodeError.Truncated;
        }

        var id = BinaryPrimitives.ReadUInt16BigEndian(packet);
        var flags = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        int qd = BinaryPrimitives.ReadUInt16BigEndian(packet[4..]);
        int an = BinaryPrimitives.ReadUInt16BigEndian(packet[6..]);
        int ns = BinaryPrimitives.ReadUInt16BigEndian(packet[8..]);
        int ar = BinaryPrimitives.ReadUInt16BigEndian(packet[10..]);
        if ((qd * MinQuestionBytes) + ((an + ns + ar) * MinRecordBytes) > packet.Length - HeaderBytes)
        {
            return DnsDecodeError.Truncated;
        }

        var offset = HeaderBytes;
        var questions = new List<DnsQuestion>(qd);
        for (var i = 0; i < qd; i++)
        {
            var error = ReadQuestion(packet, ref offset, out var question);
            if (error != DnsDecodeError.None)
            {
                return error;
            }

            questions.Add(question!);
        }

        var sections = new List<DnsRecord>[3];
        int[] counts = [an, ns, ar];
        for (var s = 0; s < 3; s++)
        {
            sections[s] = new List<DnsRecord>(counts[s]);
            for (var i = 0; i < counts[s]; i++)
            {
                var error = ReadRecord(packet, ref offset, out var record);
                if (error != DnsDecodeError.None)
                {
                    return error;
                }

                sections[s].Add(record!);
            }
        }

        message = new DnsMessage(id, flags, questions, sections[0], sections[1], sections[2]);
        return DnsDecodeError.None;
    }

    private static DnsDecodeError ReadQuestion(ReadOnlySpan<byte> packet, ref int offset, out DnsQuestion? question)
    {
        question = null;
        var error = ReadName(packet, ref offset, out var name);
        if (error != DnsDecodeError.None)
        {
            return error;
        }

        if (offset + 4 > packet.Length)
        {
            return DnsDecodeError.Truncated;
        }

        var type = BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
        var klass = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]);
        offset += 4;
        question = new DnsQuestion(name!, (DnsRecordType)type, (klass & 0x8000) != 0, (ushort)(klass & 0x7FFF));
        return DnsDecodeError.None;
    }

    private static DnsDecodeError ReadRecord(ReadOnlySpan<byte> packet, ref int offset, out DnsRecord? record)
    {
        record = null;
        var error = ReadName(packet, ref offset, out var name);
        if (error != DnsDecodeError.None)
        {
            return error;
        }

        if (offset + 10 > packet.Length)
        {
            return DnsDecodeError.Truncated;
        }

        var type = (DnsRecordType)BinaryPrimitives.ReadUInt16BigEndian(packet[offset..]);
        var klass = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 2)..]);
        var ttl = BinaryPrimitives.ReadUInt32BigEndian(packet[(offset + 4)..]);
        int length = BinaryPrimitives.ReadUInt16BigEndian(packet[(offset + 8)..]);
        offset += 10;
        if (offset + length > packet.Length)
        {
            return DnsDecodeError.Truncated;
        }

        var end = offset + length;
        error = ReadData(packet, offset, end, type, out var data);
        offset = end;
        if (error != DnsDecodeError.None)
        {
            return error;
        }

        record = new DnsRecord(name!, type, ttl, data!, (klass & 0x8000) != 0, (ushort)(klass & 0x7FFF));
        return DnsDecodeError.None;
    }

    /// <summary>Record data between <paramref name="start"/> and <paramref name="end"/>; names inside may point anywhere earlier in the packet.</summary>
    private static DnsDecodeError ReadData(ReadOnlySpan<byte> packet, int start, int end, DnsRecordType type, out DnsRecordData? data)
    {
        data = null;
        var rdata = packet[start..end];
        var offset = start;
        DnsDecodeError error;
        switch (type)
        {
            case DnsRecordType.A or DnsRecordType.Aaaa:
                if (rdata.Length != (type == DnsRecordType.A ? 4 : 16))
                {
                    return DnsDecodeError.BadRecord;
                }

                data = new AddressData(new IPAddress(rdata));
                return DnsDecodeError.None;

            case DnsRecordType.Ptr:
                error = ReadName(packet, ref offset, out var target);
                data = new PtrData(target!);
                return error != DnsDecodeError.None ? error : offset == end ? DnsDecodeError.None : DnsDecodeError.BadRecord;

            case DnsRecordType.Srv:
                if (rdata.Length < 7)
                {
                    return DnsDecodeError.BadRecord;
                }

                offset += 6;
                error = ReadName(packet, ref offset, out var host);
                data = new SrvData(
                    BinaryPrimitives.ReadUInt16BigEndian(rdata), BinaryPrimitives.ReadUInt16BigEndian(rdata[2..]), BinaryPrimitives.ReadUInt16BigEndian(rdata[4..]), host!);
                return error != DnsDecodeError.None ? error : offset == end ? DnsDecodeError.None : DnsDecodeError.BadRecord;

            case DnsRecordType.Txt:
                return ReadTxt(rdata, out data);

            case DnsRecordType.Nsec:
                error = ReadName(packet, ref offset, out var next);
                if (error != DnsDecodeError.None || offset > end)
                {
                    return error != DnsDecodeError.None ? error : DnsDecodeError.BadRecord;
                }

                return ReadTypeBitmaps(packet[offset..end], next!, out data);

            default:
                data = new RawData(rdata.ToArray());
                return DnsDecodeError.None;
        }
    }

    private static DnsDecodeError ReadTxt(ReadOnlySpan<byte> rdata, out DnsRecordData? data)
    {
        var strings = new List<string>();
        var at = 0;
        while (at < rdata.Length)
        {
            int length = rdata[at];
            if (at + 1 + length > rdata.Length)
            {
                data = null;
                return DnsDecodeError.BadRecord;
            }

            if (length > 0)
            {
                strings.Add(Encoding.UTF8.GetString(rdata.Slice(at + 1, length)));
            }

            at += 1 + length;
        }

        data = new TxtData(strings);
        return DnsDecodeError.None;
    }

    /// <summary>The NSEC type bitmap (RFC 4034 section 4.1.2): windows of up to 32 bytes, one bit per type.</summary>
    private static DnsDecodeError ReadTypeBitmaps(ReadOnlySpan<byte> bitmaps, DnsName next, out DnsRecordData? data)
    {
        data = null;
        var types = new List<DnsRecordType>();
        var at = 0;
        var lastWindow = -1;
        while (at < bitmaps.Length)
        {
            if (at + 2 > bitmaps.Length)
            {
                return DnsDecodeError.BadRecord;
            }

            int window = bitmaps[at];
            int length = bitmaps[at + 1];
            if (window <= lastWindow || length is 0 or > 32 || at + 2 + length > bitmaps.Length)
            {
                return DnsDecodeError.BadRecord;
            }

            for (var i = 0; i < length * 8; i++)
            {
                if ((bitmaps[at + 2 + (i / 8)] & (0x80 >> (i % 8))) != 0)
                {
                    types.Add((DnsRecordType)((window * 256) + i));
                }
            }

            lastWindow = window;
            at += 2 + length;
        }

        data = new NsecData(next, types);
        return DnsDecodeError.None;
    }

    /// <summary>Reads a possibly compressed name at <paramref name="offset"/>, leaving it just past the name's bytes in place.</summary>
    internal static DnsDecodeError ReadName(ReadOnlySpan<byte> packet, ref int offset, out DnsName? name)
    {
        name = null;
        var labels = new List<string>();
        var position = offset;
        var runStart = offset; // a pointer must land strictly before this
        var resume = -1;
        var wireLength = 1;
        while (true)
        {
            if (position >= packet.Length)
            {
                return DnsDecodeError.Truncated;
            }

            int b = packet[position];
            if (b == 0)
            {
                offset = resume >= 0 ? resume : position + 1;
                name = new DnsName(labels);
                return DnsDecodeError.None;
            }

            switch (b & 0xC0)
            {
                case 0xC0:
                    if (position + 1 >= packet.Length)
                    {
                        return DnsDecodeError.Truncated;
                    }

                    var target = ((b & 0x3F) << 8) | packet[position + 1];
                    if (target >= runStart)
                    {
                        return DnsDecodeError.BadPointer;
                    }

                    if (resume < 0)
                    {
                        resume = position + 2;
                    }

                    runStart = target;
                    position = target;
                    break;

                case 0x00:
                    wireLength += 1 + b;
                    if (wireLength > DnsName.MaxNameBytes)
                    {
                        return DnsDecodeError.BadName;
                    }

                    if (position + 1 + b > packet.Length)
                    {
                        return DnsDecodeError.Truncated;
                    }

                    labels.Add(Encoding.UTF8.GetString(packet.Slice(position + 1, b)));
                    position += 1 + b;
                    break;

                default:
                    return DnsDecodeError.BadName; // 0x40 and 0x80: extended and reserved label types
            }
        }
    }
}
