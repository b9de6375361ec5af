namespace Psstd.Gossip.Wire;

/// <summary>
/// The payload of a <see cref="MessageKind.Records"/> packet: a count, then each record with its length,
/// so a receiver can skip a record it already holds without decoding it.
/// </summary>
internal static class RecordBatch
{
    /// <summary>
    /// Packs encoded records from <paramref name="next"/> on into <paramref name="destination"/> while they
    /// fit; returns the payload length and moves <paramref name="next"/> past what was packed.
    /// </summary>
    public static int Pack(IReadOnlyList<byte[]> records, ref int next, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(records);
        var count = 0;
        var position = 1; // the count, one byte: a datagram never holds more than 127 records
        while (next < records.Count && count < 127)
        {
            var record = records[next];
            var prefix = record.Length < 0x80 ? 1 : 2;
            if (position + prefix + record.Length > destination.Length)
            {
                break;
            }

            var w = new SpanWriter(destination[position..]);
            w.VarUInt((ulong)record.Length);
            w.Bytes(record);
            position += w.Position;
            count++;
            next++;
        }

        destination[0] = (byte)count;
        return count == 0 ? 0 : position;
    }
}

/// <summary>Walks the records of a batch payload; stops, with <see cref="Failed"/> set, at anything malformed.</summary>
internal ref struct RecordBatchReader
{
    private SpanReader _reader;
    private int _remaining;

    public RecordBatchReader(ReadOnlySpan<byte> payload)
    {
        _reader = new SpanReader(payload);
        _remaining = (int)_reader.VarLong(127);
    }

    public readonly bool Failed => _reader.Failed || (_remaining == 0 && _reader.Remaining != 0);

    public bool TryNext(out ReadOnlySpan<byte> record)
    {
        record = default;
        if (_remaining == 0 || _reader.Failed)
        {
            return false;
        }

        var length = (int)_reader.VarLong(PacketCodec.MaxDatagramBytes);
        record = _reader.Bytes(length);
        _remaining--;
        return !_reader.Failed;
    }
}
