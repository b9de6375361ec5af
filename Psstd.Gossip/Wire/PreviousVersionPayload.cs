namespace Psstd.Gossip.Wire;

/// <summary>
/// Payloads as a peer of the previous wire version reads them: the records inside lose their extension
/// (<see cref="RecordCodec.WriteWithoutExtension"/>), which that peer would refuse, and everything else stays. The
/// peer still learns every node, current to the version; it misses only what the extension adds (tags, CPU split,
/// silences) until it upgrades.
/// </summary>
internal static class PreviousVersionPayload
{
    /// <summary>
    /// Writes <paramref name="payload"/> as the previous version reads it to <paramref name="destination"/> (at least as
    /// large) and returns its length; -1 when <paramref name="kind"/> carries no records, so the payload goes as it is.
    /// </summary>
    public static int Rewrite(MessageKind kind, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        switch (kind)
        {
            case MessageKind.Records or MessageKind.SyncRecords:
                return Batch(payload, destination);
            case MessageKind.Ack:
                var r = new SpanReader(payload);
                _ = r.VarLong();
                _ = r.Guid(); // probe id and responder: the records, if any, follow
                if (r.Failed)
                {
                    return -1;
                }

                payload[..r.Position].CopyTo(destination);
                return r.Remaining == 0 ? r.Position : r.Position + Batch(payload[r.Position..], destination[r.Position..]);
            default:
                return -1;
        }
    }

    private static int Batch(ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        var reader = new RecordBatchReader(payload);
        var w = new SpanWriter(destination[1..]);
        Span<byte> stripped = stackalloc byte[PacketCodec.MaxDatagramBytes];
        var count = 0;
        while (reader.TryNext(out var record))
        {
            var length = RecordCodec.WriteWithoutExtension(record, stripped);
            if (length > 0)
            {
                w.VarUInt((ulong)length);
                w.Bytes(stripped[..length]);
                count++;
            }
        }

        destination[0] = (byte)count; // a batch holds at most 127 records: one byte, as RecordBatch writes it
        return 1 + w.Position;
    }
}
