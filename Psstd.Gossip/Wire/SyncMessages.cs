using System.Buffers.Binary;

namespace Psstd.Gossip.Wire;

/// <summary>One node's version as a digest lists it.</summary>
internal readonly record struct DigestEntry(Guid Id, long Generation, long Sequence)
{
    /// <summary>Bytes an entry takes at least (id and two one-byte varints): bounds what a count may claim.</summary>
    public const int MinBytes = 18;

    public bool IsNewerThan(RecordHeader held) =>
        Generation != held.Generation ? Generation > held.Generation : Sequence > held.Sequence;

    public bool IsOlderThan(RecordHeader held) =>
        Generation != held.Generation ? Generation < held.Generation : Sequence < held.Sequence;
}

/// <summary>
/// The payloads of anti-entropy (<see cref="MessageKind.SyncSummary"/>, <see cref="MessageKind.SyncDigest"/>,
/// <see cref="MessageKind.SyncPull"/>). Each starts with the address to answer (empty: the sender of the
/// datagram), since stream frames arrive from an ephemeral port. Readers never throw and bound every
/// count by the bytes actually present, so a hostile count allocates nothing.
/// </summary>
internal static class SyncMessages
{
    /// <summary>Bytes a digest needs besides its entries: reply address, mask, count.</summary>
    public static int DigestOverhead(string replyTo) => 1 + System.Text.Encoding.UTF8.GetByteCount(replyTo) + 8 + 5;

    /// <summary>Bytes a digest entry takes.</summary>
    public static int EntryBytes(DigestEntry entry) => 16 + VarBytes(entry.Generation) + VarBytes(entry.Sequence);

    public static int WriteSummary(string replyTo, SyncSummary summary, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var w = new SpanWriter(destination);
        w.ShortString(replyTo);
        summary.Write(ref w);
        return w.Overflowed ? 0 : w.Position;
    }

    public static bool TryReadSummary(ReadOnlySpan<byte> payload, SyncSummary into, out string replyTo)
    {
        ArgumentNullException.ThrowIfNull(into);
        var r = new SpanReader(payload);
        replyTo = r.ShortString();
        into.Read(ref r);
        return !r.Failed && r.Remaining == 0;
    }

    /// <param name="mask">The buckets this digest covers, whole: a node of a covered bucket that it does not list, the sender does not vouch for.</param>
    public static int WriteDigest(string replyTo, ulong mask, IReadOnlyList<DigestEntry> entries, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var w = new SpanWriter(destination);
        w.ShortString(replyTo);
        Span<byte> maskBytes = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(maskBytes, mask);
        w.Bytes(maskBytes);
        w.VarUInt((ulong)entries.Count);
        foreach (var entry in entries)
        {
            w.Guid(entry.Id);
            w.VarLong(entry.Generation);
            w.VarLong(entry.Sequence);
        }

        return w.Overflowed ? 0 : w.Position;
    }

    /// <summary>Reads a digest into <paramref name="entries"/> (cleared first); false when malformed, or an entry lies outside the mask.</summary>
    public static bool TryReadDigest(ReadOnlySpan<byte> payload, List<DigestEntry> entries, out string replyTo, out ulong mask)
    {
        ArgumentNullException.ThrowIfNull(entries);
        entries.Clear();
        var r = new SpanReader(payload);
        replyTo = r.ShortString();
        var maskBytes = r.Bytes(8);
        mask = r.Failed ? 0 : BinaryPrimitives.ReadUInt64LittleEndian(maskBytes);
        var count = r.VarLong(Math.Max(0, r.Remaining) / DigestEntry.MinBytes);
        for (var i = 0; i < count && !r.Failed; i++)
        {
            var entry = new DigestEntry(r.Guid(), r.VarLong(), r.VarLong());
            if ((mask & (1UL << SyncSummary.Bucket(entry.Id))) == 0)
            {
                r.Fail();
            }

            entries.Add(entry);
        }

        return !r.Failed && r.Remaining == 0;
    }

    public static int WritePull(string replyTo, IReadOnlyList<Guid> ids, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var w = new SpanWriter(destination);
        w.ShortString(replyTo);
        w.VarUInt((ulong)ids.Count);
        foreach (var id in ids)
        {
            w.Guid(id);
        }

        return w.Overflowed ? 0 : w.Position;
    }

    public static bool TryReadPull(ReadOnlySpan<byte> payload, List<Guid> ids, out string replyTo)
    {
        ArgumentNullException.ThrowIfNull(ids);
        ids.Clear();
        var r = new SpanReader(payload);
        replyTo = r.ShortString();
        var count = r.VarLong(Math.Max(0, r.Remaining) / 16);
        for (var i = 0; i < count && !r.Failed; i++)
        {
            ids.Add(r.Guid());
        }

        return !r.Failed && r.Remaining == 0;
    }

    private static int VarBytes(long value)
    {
        var v = value < 0 ? 0UL : (ulong)value;
        var bytes = 1;
        while (v >= 0x80)
        {
            v >>= 7;
            bytes++;
        }

        return bytes;
    }
}
