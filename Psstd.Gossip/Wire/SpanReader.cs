using System.Text;

namespace Psstd.Gossip.Wire;

/// <summary>
/// Reads the wire format from an untrusted packet. Any read past the end or any over-long value sets
/// <see cref="Failed"/> and yields zero, so a decoder checks once at the end and never throws.
/// </summary>
internal ref struct SpanReader(ReadOnlySpan<byte> buffer)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly ReadOnlySpan<byte> _buffer = buffer;

    public int Position { get; private set; }

    public bool Failed { get; private set; }

    public readonly int Remaining => _buffer.Length - Position;

    public void Fail() => Failed = true;

    public byte Byte()
    {
        if (Position >= _buffer.Length)
        {
            Failed = true;
            return 0;
        }

        return _buffer[Position++];
    }

    public ReadOnlySpan<byte> Bytes(int count)
    {
        if (count < 0 || count > Remaining)
        {
            Failed = true;
            return default;
        }

        var slice = _buffer.Slice(Position, count);
        Position += count;
        return slice;
    }

    public Guid Guid()
    {
        var bytes = Bytes(16);
        return Failed ? System.Guid.Empty : new Guid(bytes);
    }

    public ulong VarUInt()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = Byte();
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        Failed = true; // more than ten bytes: not a 64-bit number
        return 0;
    }

    /// <summary>A varint that must fit a non-negative long no greater than <paramref name="max"/>.</summary>
    public long VarLong(long max = long.MaxValue)
    {
        var value = VarUInt();
        if (value > (ulong)max)
        {
            Failed = true;
            return 0;
        }

        return (long)value;
    }

    /// <summary>A one-byte-length UTF-8 string; with <paramref name="materialize"/> false it is only checked.</summary>
    public string ShortString(bool materialize = true)
    {
        var bytes = Bytes(Byte());
        if (Failed)
        {
            return "";
        }

        if (!materialize)
        {
            if (!System.Text.Unicode.Utf8.IsValid(bytes))
            {
                Failed = true;
            }

            return "";
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            Failed = true;
            return "";
        }
    }

    /// <summary>
    /// Reads a short string and says whether it is <paramref name="expected"/>, without making a string of it (the
    /// cluster name every packet starts with). Bytes that are not UTF-8 fail the reader, as
    /// <see cref="ShortString"/> does.
    /// </summary>
    public bool ShortStringIs(string expected)
    {
        var bytes = Bytes(Byte());
        if (Failed)
        {
            return false;
        }

        if (!System.Text.Unicode.Utf8.IsValid(bytes))
        {
            Failed = true;
            return false;
        }

        // A short string has at most 255 bytes: a longer expected value cannot match, and does not fit here.
        Span<byte> encoded = stackalloc byte[256];
        return Encoding.UTF8.TryGetBytes(expected, encoded, out var length) && encoded[..length].SequenceEqual(bytes);
    }
}
