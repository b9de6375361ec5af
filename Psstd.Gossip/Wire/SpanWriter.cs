using System.Text;

namespace Psstd.Gossip.Wire;

/// <summary>
/// Writes the wire format into a caller's buffer. Running out of room sets <see cref="Overflowed"/>
/// instead of throwing, so an encoder checks once at the end.
/// </summary>
internal ref struct SpanWriter(Span<byte> buffer)
{
    private readonly Span<byte> _buffer = buffer;

    public int Position { get; private set; }

    public bool Overflowed { get; private set; }

    /// <summary>Marks the write failed: something did not fit, or could not be written.</summary>
    public void Overflow() => Overflowed = true;

    public void Byte(byte value)
    {
        if (Position >= _buffer.Length)
        {
            Overflowed = true;
            return;
        }

        _buffer[Position++] = value;
    }

    public void Bytes(scoped ReadOnlySpan<byte> value)
    {
        if (Position + value.Length > _buffer.Length)
        {
            Overflowed = true;
            return;
        }

        value.CopyTo(_buffer[Position..]);
        Position += value.Length;
    }

    /// <summary>A node id: its 16 bytes as <see cref="System.Guid.TryWriteBytes(Span{byte})"/> lays them out.</summary>
    public void Guid(Guid value)
    {
        Span<byte> bytes = stackalloc byte[16];
        value.TryWriteBytes(bytes);
        Bytes(bytes);
    }

    /// <summary>Unsigned LEB128: small numbers take one byte, a 64-bit one at most ten.</summary>
    public void VarUInt(ulong value)
    {
        while (value >= 0x80)
        {
            Byte((byte)(value | 0x80));
            value >>= 7;
        }

        Byte((byte)value);
    }

    public void VarLong(long value) => VarUInt(value < 0 ? 0 : (ulong)value);

    /// <summary>UTF-8 with a one-byte length: every string on the wire is at most 255 bytes.</summary>
    public void ShortString(string value)
    {
        var length = Encoding.UTF8.GetByteCount(value);
        if (length > byte.MaxValue || Position + 1 + length > _buffer.Length)
        {
            Overflowed = true;
            return;
        }

        _buffer[Position++] = (byte)length;
        Position += Encoding.UTF8.GetBytes(value, _buffer[Position..]);
    }
}
