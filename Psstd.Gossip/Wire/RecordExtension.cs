using Psstd.ClusterView;
using Psstd.Contracts;

namespace Psstd.Gossip.Wire;

/// <summary>
/// The optional tail of a record (wire version 3): fields added after version 2, as tagged items (tag byte, varint
/// length, value). A reader skips a tag it does not know, so later fields need no new wire version; it refuses a
/// known tag that is malformed, repeated or out of range, like any other field. A record without any of these
/// fields has no tail and is byte for byte a version 2 record.
/// </summary>
internal static class RecordExtension
{
    private const byte SharesTag = 1;
    private const byte CoreKernelTag = 2;
    private const byte CacheTag = 3;
    private const byte TagsTag = 4;
    private const byte FingerprintTag = 5;
    private const byte SilencesTag = 6;
    private const byte DeliveredTag = 7;
    private const int FingerprintBytes = 8;
    private const long Mib = 1024 * 1024;

    /// <summary>The fields of the tail, as read.</summary>
    public readonly record struct Fields(
        CpuShares? Shares,
        double[]? CoreKernel,
        long? CacheBytes,
        IReadOnlyDictionary<string, string>? Tags,
        string Fingerprint,
        IReadOnlyList<SilenceClaim>? Silences,
        IReadOnlyList<uint>? Delivered);

    public static bool IsNeeded(NodeRecord record) =>
        record.Metrics.CpuShares is not null || record.Metrics.CoreKernelPercent.Count > 0 || record.Metrics.MemoryCacheBytes is not null
        || record.Tags.Count > 0 || record.AlertsFingerprint.Length > 0 || record.Silences.Count > 0 || record.DeliveredNotices.Count > 0;

    /// <summary>Writes the tail: its length, then its items.</summary>
    public static void Write(ref SpanWriter w, NodeRecord record)
    {
        Span<byte> buffer = stackalloc byte[PacketCodec.MaxDatagramBytes];
        var items = new SpanWriter(buffer);
        var m = record.Metrics;
        if (m.CpuShares is { } shares)
        {
            Span<byte> value = [RecordCodec.HalfPercent(shares.User), RecordCodec.HalfPercent(shares.Kernel), RecordCodec.HalfPercent(shares.IoWait), RecordCodec.HalfPercent(shares.Steal)];
            Item(ref items, SharesTag, value);
        }

        if (m.CoreKernelPercent.Count > 0)
        {
            Span<byte> value = stackalloc byte[Math.Min(m.CoreKernelPercent.Count, RecordCodec.MaxCores)];
            for (var i = 0; i < value.Length; i++)
            {
                value[i] = RecordCodec.HalfPercent(m.CoreKernelPercent[i]);
            }

            Item(ref items, CoreKernelTag, value);
        }

        if (m.MemoryCacheBytes is { } cache)
        {
            Span<byte> value = stackalloc byte[10];
            var v = new SpanWriter(value);
            v.VarLong(cache / Mib);
            Item(ref items, CacheTag, value[..v.Position]);
        }

        if (record.Tags.Count > 0)
        {
            Span<byte> value = stackalloc byte[PacketCodec.MaxDatagramBytes];
            var v = new SpanWriter(value);
            v.VarLong(record.Tags.Count);
            foreach (var (key, text) in record.Tags.OrderBy(t => t.Key, StringComparer.Ordinal))
            {
                v.ShortString(key);
                v.ShortString(text);
            }

            Item(ref items, TagsTag, v.Overflowed ? value[..0] : value[..v.Position], v.Overflowed);
        }

        if (record.AlertsFingerprint.Length > 0)
        {
            Span<byte> value = stackalloc byte[FingerprintBytes];
            var ok = Convert.FromHexString(record.AlertsFingerprint, value, out _, out var written) == System.Buffers.OperationStatus.Done && written == FingerprintBytes;
            Item(ref items, FingerprintTag, value, !ok);
        }

        if (record.Silences.Count > 0)
        {
            Span<byte> value = stackalloc byte[PacketCodec.MaxDatagramBytes];
            var v = new SpanWriter(value);
            v.VarLong(record.Silences.Count);
            foreach (var silence in record.Silences)
            {
                v.Guid(silence.Id);
                v.ShortString(silence.Rule);
                v.ShortString(silence.Node);
                v.VarLong((long)Math.Ceiling(silence.Remaining.TotalSeconds));
                v.ShortString(silence.Comment);
            }

            Item(ref items, SilencesTag, v.Overflowed ? value[..0] : value[..v.Position], v.Overflowed);
        }

        if (record.DeliveredNotices.Count > 0)
        {
            var count = Math.Min(record.DeliveredNotices.Count, NodeRecord.MaxDeliveredNotices);
            Span<byte> value = stackalloc byte[1 + (4 * NodeRecord.MaxDeliveredNotices)];
            value[0] = (byte)count;
            for (var i = 0; i < count; i++)
            {
                System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(value[(1 + (4 * i))..], record.DeliveredNotices[record.DeliveredNotices.Count - count + i]);
            }

            Item(ref items, DeliveredTag, value[..(1 + (4 * count))]);
        }

        if (items.Overflowed)
        {
            w.Overflow(); // cannot fit: the whole write fails, as for any too-large field
            return;
        }

        w.VarUInt((ulong)items.Position);
        w.Bytes(buffer[..items.Position]);
    }

    /// <summary>Reads a tail of <paramref name="cores"/>-core metrics; sets <paramref name="r"/> failed on anything malformed.</summary>
    public static Fields Read(ref SpanReader r, int cores, bool materialize)
    {
        var length = (int)r.VarLong(PacketCodec.MaxDatagramBytes);
        var tail = new SpanReader(r.Bytes(length));
        CpuShares? shares = null;
        double[]? coreKernel = null;
        long? cache = null;
        IReadOnlyDictionary<string, string>? tags = null;
        var fingerprint = "";
        IReadOnlyList<SilenceClaim>? silences = null;
        uint[]? delivered = null;
        var seen = 0UL;
        while (!r.Failed && !tail.Failed && tail.Remaining > 0)
        {
            var tag = tail.Byte();
            var item = new SpanReader(tail.Bytes((int)tail.VarLong(PacketCodec.MaxDatagramBytes)));
            if (tail.Failed)
            {
                break;
            }

            if (tag < 64)
            {
                if ((seen & (1UL << tag)) != 0)
                {
                    tail.Fail(); // a field given twice: which one would count?
                    break;
                }

                seen |= 1UL << tag;
            }

            switch (tag)
            {
                case SharesTag:
                    shares = new CpuShares(RecordCodec.FromHalfPercent(ref item), RecordCodec.FromHalfPercent(ref item), RecordCodec.FromHalfPercent(ref item), RecordCodec.FromHalfPercent(ref item));
                    break;
                case CoreKernelTag:
                    if (item.Remaining != cores)
                    {
                        item.Fail(); // one share per core, or none
                        break;
                    }

                    coreKernel = materialize ? new double[cores] : null;
                    for (var i = 0; i < cores; i++)
                    {
                        var share = RecordCodec.FromHalfPercent(ref item);
                        if (coreKernel is not null)
                        {
                            coreKernel[i] = share;
                        }
                    }

                    break;
                case CacheTag:
                    cache = item.VarLong(long.MaxValue / Mib) * Mib;
                    break;
                case TagsTag:
                    tags = ReadTags(ref item, materialize);
                    break;
                case FingerprintTag:
                    fingerprint = Convert.ToHexString(item.Bytes(FingerprintBytes)).ToLowerInvariant();
                    break;
                case SilencesTag:
                    silences = ReadSilences(ref item, materialize);
                    break;
                case DeliveredTag:
                    var count = (int)item.VarLong(NodeRecord.MaxDeliveredNotices);
                    delivered = new uint[count];
                    for (var i = 0; i < count; i++)
                    {
                        var hash = item.Bytes(4);
                        delivered[i] = item.Failed ? 0 : System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(hash);
                    }

                    break;
                default:
                    item.Bytes(item.Remaining); // a field of a later version: skipped
                    break;
            }

            if (item.Failed || item.Remaining != 0)
            {
                tail.Fail();
            }
        }

        if (tail.Failed)
        {
            r.Fail();
        }

        return new Fields(shares, coreKernel, cache, tags, fingerprint, silences, delivered);
    }

    private static SortedDictionary<string, string>? ReadTags(ref SpanReader r, bool materialize)
    {
        var count = (int)r.VarLong(NodeTagRules.MaxTags);
        var tags = materialize ? new SortedDictionary<string, string>(StringComparer.Ordinal) : null;
        string? previous = null;
        var total = 0;
        for (var i = 0; i < count && !r.Failed; i++)
        {
            var key = r.ShortString();
            var value = r.ShortString();
            total += NodeTagRules.Size(key, value);
            if (!NodeTagRules.IsValidKey(key) || !NodeTagRules.IsValidValue(value) || total > NodeTagRules.MaxTotalBytes
                || (previous is not null && string.CompareOrdinal(previous, key) >= 0))
            {
                r.Fail(); // a key out of order is also a key given twice, or an encoder that is not ours
            }

            tags?.Add(key, value);
            previous = key;
        }

        return r.Failed ? null : tags;
    }

    private static List<SilenceClaim>? ReadSilences(ref SpanReader r, bool materialize)
    {
        var count = (int)r.VarLong(SilenceClaim.MaxPerNode);
        var silences = materialize ? new List<SilenceClaim>(count) : null;
        for (var i = 0; i < count && !r.Failed; i++)
        {
            var id = r.Guid();
            var rule = r.ShortString();
            var node = r.ShortString();
            var seconds = r.VarLong((long)SilenceClaim.MaxDuration.TotalSeconds);
            var comment = r.ShortString();
            if (!SilenceClaim.IsValidPattern(rule) || !SilenceClaim.IsValidPattern(node) || !SilenceClaim.IsValidComment(comment) || seconds == 0)
            {
                r.Fail(); // the rules the setting agent checked: anything else was not made by one
            }

            silences?.Add(new SilenceClaim(id, rule, node, TimeSpan.FromSeconds(seconds), PrintableText.Strip(comment))); // peer text, made safe once
        }

        return r.Failed ? null : silences;
    }

    private static void Item(ref SpanWriter w, byte tag, scoped ReadOnlySpan<byte> value, bool overflowed = false)
    {
        if (overflowed)
        {
            w.Overflow();
            return;
        }

        w.Byte(tag);
        w.VarUInt((ulong)value.Length);
        w.Bytes(value);
    }

}
