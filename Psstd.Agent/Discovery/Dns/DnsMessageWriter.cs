using System.Buffers.Binary;
using System.Net.Sockets;
using System.Text;

namespace Psstd.Agent.Discovery.Dns;

/// <summary>
/// Encodes a DNS message, compressing owner names and PTR targets against names written before
/// (RFC 1035 section 4.1.4). SRV and NSEC names are written in full, which every reader accepts.
/// </summary>
internal static class DnsMessageWriter
{
    /// <summary>The largest mDNS message (RFC 6762 section 17); ours are far smaller.</summary>
    public const int MaxMessageBytes = 9000;

    private const int MaxPointerOffset = 0x3FFF;

    /// <summary>Writes <paramref name="message"/> into <paramref name="buffer"/>; returns its length, or 0 when it does not fit or holds an unwritable name or string.</summary>
    public static int Write(DnsMessage message, Span<byte> buffer)
    {
        ArgumentNullException.ThrowIfNull(message);
        var w = new Writer(buffer);
        w.UInt16(message.Id);
        w.UInt16(message.Flags);
        w.UInt16((ushort)message.Questions.Count);
        w.UInt16((ushort)message.Answers.Count);
        w.UInt16((ushort)message.Authorities.Count);
        w.UInt16((ushort)message.Additionals.Count);
        foreach (var question in message.Questions)
        {
            w.Name(question.Name, compress: true);
            w.UInt16((ushort)question.Type);
            w.UInt16((ushort)(question.Class | (question.UnicastResponse ? 0x8000 : 0)));
        }

        foreach (var record in message.Answers.Concat(message.Authorities).Concat(message.Additionals))
        {
            w.Record(record);
        }

        return w.Failed ? 0 : w.Position;
    }

    /// <summary>Bytes into a new array, for tests and one-off sends; null when it cannot be written.</summary>
    public static byte[]? ToBytes(DnsMessage message)
    {
        var buffer = new byte[MaxMessageBytes];
        var length = Write(message, buffer);
        return length == 0 ? null : buffer[..length];
    }

    /// <summary>Record data alone, names uncompressed: the canonical bytes the probe tie-break compares (RFC 6762 section 8.2).</summary>
    public static byte[] DataBytes(DnsRecordData data)
    {
        var buffer = new byte[MaxMessageBytes];
        var w = new Writer(buffer, compress: false);
        w.Data(data);
        return w.Failed ? [] : buffer[..w.Position];
    }

    private ref struct Writer(Span<byte> buffer, bool compress = true)
    {
        private readonly bool _compress = compress;
        private readonly Span<byte> _buffer = buffer;
        private readonly Dictionary<DnsName, int> _written = [];

        public int Position { get; private set; }

        public bool Failed { get; private set; }

        public void Byte(byte value)
        {
            if (Position >= _buffer.Length)
            {
                Failed = true;
                return;
            }

            _buffer[Position++] = value;
        }

        public void Bytes(scoped ReadOnlySpan<byte> value)
        {
            if (Position + value.Length > _buffer.Length)
            {
                Failed = true;
                return;
            }

            value.CopyTo(_buffer[Position..]);
            Position += value.Length;
        }

        public void UInt16(ushort value)
        {
            Span<byte> bytes = stackalloc byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(bytes, value);
            Bytes(bytes);
        }

        public void UInt32(uint value)
        {
            Span<byte> bytes = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(bytes, value);
            Bytes(bytes);
        }

        /// <summary>Labels until a suffix written before is found, then a pointer to it; or the root byte.</summary>
        public void Name(DnsName name, bool compress)
        {
            compress &= _compress;
            if (!name.IsWritable)
            {
                Failed = true;
                return;
            }

            for (var i = 0; i < name.Labels.Count; i++)
            {
                var suffix = i == 0 ? name : new DnsName([.. name.Labels.Skip(i)]);
                if (compress && _written.TryGetValue(suffix, out var at))
                {
                    UInt16((ushort)(0xC000 | at));
                    return;
                }

                if (compress && Position <= MaxPointerOffset)
                {
                    _written.TryAdd(suffix, Position);
                }

                var label = Encoding.UTF8.GetBytes(name.Labels[i]);
                Byte((byte)label.Length);
                Bytes(label);
            }

            Byte(0);
        }

        public void Record(DnsRecord record)
        {
            Name(record.Name, compress: true);
            UInt16((ushort)record.Type);
            UInt16((ushort)(record.Class | (record.CacheFlush ? 0x8000 : 0)));
            UInt32(record.Ttl);
            var lengthAt = Position;
            UInt16(0);
            var start = Position;
            Data(record.Data);
            var length = Position - start;
            if (!Failed && length <= ushort.MaxValue)
            {
                BinaryPrimitives.WriteUInt16BigEndian(_buffer[lengthAt..], (ushort)length);
            }
        }

        public void Data(DnsRecordData data)
        {
            switch (data)
            {
                case PtrData ptr:
                    Name(ptr.Target, compress: true);
                    break;
                case SrvData srv:
                    UInt16(srv.Priority);
                    UInt16(srv.Weight);
                    UInt16(srv.Port);
                    Name(srv.Target, compress: false);
                    break;
                case AddressData address:
                    Span<byte> bytes = stackalloc byte[16];
                    if (!address.Address.TryWriteBytes(bytes, out var written))
                    {
                        Failed = true;
                        return;
                    }

                    Bytes(bytes[..(address.Address.AddressFamily == AddressFamily.InterNetworkV6 ? 16 : 4)][..written]);
                    break;
                case TxtData txt:
                    Txt(txt);
                    break;
                case NsecData nsec:
                    Name(nsec.Next, compress: false);
                    TypeBitmaps(nsec.Types);
                    break;
                case RawData raw:
                    Bytes(raw.Bytes);
                    break;
            }
        }

        /// <summary>Each string with its length byte; no strings at all is one empty string (RFC 6763 section 6.1).</summary>
        private void Txt(TxtData txt)
        {
            if (txt.Strings.Count == 0)
            {
                Byte(0);
                return;
            }

            foreach (var text in txt.Strings)
            {
                var bytes = Encoding.UTF8.GetBytes(text);
                if (bytes.Length is 0 or > 255)
                {
                    Failed = true;
                    return;
                }

                Byte((byte)bytes.Length);
                Bytes(bytes);
            }
        }

        private void TypeBitmaps(IReadOnlyList<DnsRecordType> types)
        {
            Span<byte> bitmap = stackalloc byte[32];
            foreach (var window in types.Select(t => (int)t >> 8).Distinct().Order())
            {
                bitmap.Clear();
                var length = 0;
                foreach (var type in types.Where(t => (int)t >> 8 == window))
                {
                    var bit = (int)type & 0xFF;
                    bitmap[bit / 8] |= (byte)(0x80 >> (bit % 8));
                    length = Math.Max(length, (bit / 8) + 1);
                }

                Byte((byte)window);
                Byte((byte)length);
                Bytes(bitmap[..length]);
            }
        }
    }
}
