using Psstd.ClusterView;
using Psstd.Contracts;

namespace Psstd.Gossip.Wire;

/// <summary>
/// One node record in its compact binary form, as it travels inside packets and is relayed unchanged.
/// </summary>
/// <remarks>
/// The <see cref="RecordHeader"/> and gossip address come first, so a receiver can tell whether a record
/// is new to it, and hold it, without decoding the rest: most records a node receives are copies of what
/// it already holds, and held records are decoded only when someone asks to see them. Numbers are LEB128 varints, strings one-byte-length UTF-8, per-core busy one
/// byte each in half percent, memory and file systems in MiB, loads in hundredths. A 128-core record
/// stays under 300 bytes. Every field is range-checked: a hostile record is rejected, never trusted.
/// A tombstone (<see cref="Psstd.Gossip.Cluster.Tombstone"/>) is a record of the same layout with the forgotten flag,
/// so relay, batches and anti-entropy carry it with no second format.
/// </remarks>
public static class RecordCodec
{
    /// <summary>More logical cores than any machine we know of has, to bound allocation by a hostile packet.</summary>
    public const int MaxCores = 4096;

    private const long MaxMillis = 7L * 24 * 3600 * 1000;
    private const long Mib = 1024 * 1024;
    private const byte LeftFlag = 1;
    private const byte ForgottenFlag = 2;
    private const byte ExtendedFlag = 4;

    /// <summary>Writes the record; returns its length, or 0 when it does not fit <paramref name="destination"/>.</summary>
    public static int Write(NodeRecord record, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(record);
        var w = new SpanWriter(destination);
        w.Guid(record.Id);
        w.VarLong(record.Generation);
        w.VarLong(record.Sequence);
        w.VarLong((long)record.Interval.TotalMilliseconds);
        w.VarLong((long)record.Ttl.TotalMilliseconds);
        var extended = RecordExtension.IsNeeded(record);
        w.Byte((byte)((record.Left ? LeftFlag : 0) | (record.Forgotten ? ForgottenFlag : 0) | (extended ? ExtendedFlag : 0)));
        w.ShortString(record.GossipAddress);
        w.ShortString(record.Name);
        w.ShortString(record.AgentVersion);
        w.ShortString(record.DashboardUrl);
        WriteMetrics(ref w, record.Metrics);
        if (extended)
        {
            RecordExtension.Write(ref w, record);
        }

        return w.Overflowed ? 0 : w.Position;
    }

    public static byte[] ToBytes(NodeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        Span<byte> buffer = stackalloc byte[PacketCodec.MaxDatagramBytes];
        var length = Write(record, buffer);
        return length == 0 ? throw new ArgumentException($"record of {record.Name} does not fit a datagram", nameof(record)) : buffer[..length].ToArray();
    }

    /// <summary>Reads the header and the gossip address, allocating nothing; false when they are malformed.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> record, out RecordHeader header, out ReadOnlySpan<byte> gossipAddress)
    {
        var r = new SpanReader(record);
        header = ReadHeader(ref r, out _);
        gossipAddress = r.Bytes(r.Byte());
        return !r.Failed && header.Ttl > TimeSpan.Zero;
    }

    /// <summary>
    /// Checks a whole record as <see cref="Read"/> would, allocating only for tags and silences: relayed bytes are
    /// checked first.
    /// </summary>
    public static bool IsValid(ReadOnlySpan<byte> record) => Parse(record, materialize: false, out _, out _);

    /// <summary>
    /// The record as a version 2 agent reads it: without its extension (<see cref="RecordExtension"/>), which
    /// such an agent would refuse. Writes it to <paramref name="destination"/> and returns its length, or 0 when
    /// the record is malformed or does not fit. A record without extension is copied unchanged.
    /// </summary>
    public static int WriteWithoutExtension(ReadOnlySpan<byte> record, Span<byte> destination)
    {
        if (!Parse(record, materialize: false, out _, out var baseLength) || baseLength > destination.Length)
        {
            return 0;
        }

        record[..baseLength].CopyTo(destination);
        if (baseLength < record.Length)
        {
            var r = new SpanReader(record);
            _ = r.Guid();
            for (var i = 0; i < 4; i++)
            {
                _ = r.VarUInt(); // generation, sequence, interval, TTL: the flags follow
            }

            destination[r.Position] &= unchecked((byte)~ExtendedFlag);
        }

        return baseLength;
    }

    /// <summary>Decodes a whole record; null when anything in it is malformed or out of range.</summary>
    public static NodeRecord? Read(ReadOnlySpan<byte> record) => Parse(record, materialize: true, out var decoded, out _) ? decoded : null;

    /// <param name="baseLength">Where the extension begins: the length of the record as version 2 wrote it.</param>
    private static bool Parse(ReadOnlySpan<byte> record, bool materialize, out NodeRecord? decoded, out int baseLength)
    {
        decoded = null;
        var r = new SpanReader(record);
        var header = ReadHeader(ref r, out var extended);
        var gossip = r.ShortString(materialize);
        var nameStart = r.Position;
        var name = r.ShortString(materialize);
        var nameVisible = !r.Failed && PrintableText.HasVisible(record.Slice(nameStart + 1, r.Position - nameStart - 1));
        var version = r.ShortString(materialize);
        var dashboard = r.ShortString(materialize);
        var metrics = ReadMetrics(ref r, materialize, out var cores);
        baseLength = r.Position;
        var extension = extended ? RecordExtension.Read(ref r, cores, materialize) : default;

        if (r.Failed || r.Remaining != 0 || header.Ttl <= TimeSpan.Zero || !nameVisible)
        {
            return false;
        }

        if (materialize)
        {
            // Peer text is made safe here, once, for every reader (terminal, dashboard, store); the bytes relayed stay as they came.
            decoded = new NodeRecord(
                header.Id,
                PrintableText.Strip(name),
                header.Generation,
                header.Sequence,
                PrintableText.Strip(version),
                header.Interval,
                header.Ttl,
                DashboardAddress.Normalize(dashboard),
                PrintableText.Strip(gossip),
                metrics with
                {
                    CpuShares = extension.Shares,
                    CoreKernelPercent = extension.CoreKernel ?? [],
                    MemoryCacheBytes = extension.CacheBytes,
                },
                header.Left)
            {
                Forgotten = header.Forgotten,
                Tags = extension.Tags ?? NodeRecord.NoTags,
                AlertsFingerprint = extension.Fingerprint ?? "",
                Silences = extension.Silences ?? [],
                DeliveredNotices = extension.Delivered ?? [],
            };
        }

        return true;
    }

    private static RecordHeader ReadHeader(ref SpanReader r, out bool extended)
    {
        var header = new RecordHeader(
            r.Guid(),
            r.VarLong(),
            r.VarLong(),
            TimeSpan.FromMilliseconds(r.VarLong(MaxMillis)),
            TimeSpan.FromMilliseconds(r.VarLong(MaxMillis)),
            false);
        var flags = r.Byte();
        extended = (flags & ExtendedFlag) != 0;
        if ((flags & ~(LeftFlag | ForgottenFlag | ExtendedFlag)) != 0 || (flags & (LeftFlag | ForgottenFlag)) == (LeftFlag | ForgottenFlag))
        {
            r.Fail(); // flags this version does not know, or a pair that means nothing: refuse rather than misread
        }

        header = header with { Left = (flags & LeftFlag) != 0, Forgotten = (flags & ForgottenFlag) != 0 };
        if (!VersionLimits.IsPlausible(header))
        {
            r.Fail(); // a version no node can reach: a forgery that would outrank its node for good
        }

        return header;
    }

    private static void WriteMetrics(ref SpanWriter w, NodeMetrics m)
    {
        w.VarLong(m.CoreBusyPercent.Count);
        foreach (var busy in m.CoreBusyPercent)
        {
            w.Byte(HalfPercent(busy));
        }

        w.Byte(HalfPercent(m.CpuBusyPercent));
        w.VarLong(m.LogicalCores);
        w.VarLong(m.MemoryTotalBytes / Mib);
        w.VarLong(m.MemoryUsedBytes / Mib);
        w.VarLong(m.MemoryAvailableBytes / Mib);
        w.VarLong(m.SwapTotalBytes / Mib);
        w.VarLong(m.SwapUsedBytes / Mib);
        w.VarLong(Hundredths(m.Load1));
        w.VarLong(Hundredths(m.Load5));
        w.VarLong(Hundredths(m.Load15));
        w.VarLong(m.UptimeSeconds);
        w.VarLong(m.RootFsTotalBytes / Mib);
        w.VarLong(m.RootFsUsedBytes / Mib);
        w.VarLong(m.DiskReadBytesPerSecond);
        w.VarLong(m.DiskWriteBytesPerSecond);
        w.VarLong(m.NetRxBytesPerSecond);
        w.VarLong(m.NetTxBytesPerSecond);
        w.VarLong(m.ProcessCount);
    }

    private static NodeMetrics ReadMetrics(ref SpanReader r, bool materialize, out int cores)
    {
        cores = (int)r.VarLong(MaxCores);
        if (r.Failed || cores > r.Remaining)
        {
            r.Fail();
            return NodeMetrics.Empty;
        }

        var busy = materialize ? new double[cores] : null;
        for (var i = 0; i < cores; i++)
        {
            var value = FromHalfPercent(ref r);
            if (busy is not null)
            {
                busy[i] = value;
            }
        }

        const long maxMib = long.MaxValue / Mib;
        return new NodeMetrics
        {
            CoreBusyPercent = busy ?? [],
            CpuBusyPercent = FromHalfPercent(ref r),
            LogicalCores = (int)r.VarLong(MaxCores),
            MemoryTotalBytes = r.VarLong(maxMib) * Mib,
            MemoryUsedBytes = r.VarLong(maxMib) * Mib,
            MemoryAvailableBytes = r.VarLong(maxMib) * Mib,
            SwapTotalBytes = r.VarLong(maxMib) * Mib,
            SwapUsedBytes = r.VarLong(maxMib) * Mib,
            Load1 = r.VarLong(int.MaxValue) / 100.0,
            Load5 = r.VarLong(int.MaxValue) / 100.0,
            Load15 = r.VarLong(int.MaxValue) / 100.0,
            UptimeSeconds = r.VarLong(),
            RootFsTotalBytes = r.VarLong(maxMib) * Mib,
            RootFsUsedBytes = r.VarLong(maxMib) * Mib,
            DiskReadBytesPerSecond = r.VarLong(),
            DiskWriteBytesPerSecond = r.VarLong(),
            NetRxBytesPerSecond = r.VarLong(),
            NetTxBytesPerSecond = r.VarLong(),
            ProcessCount = (int)r.VarLong(int.MaxValue),
        };
    }

    /// <summary>A percentage as one byte in half percent (0 to 200); anything not a number reads 0.</summary>
    internal static byte HalfPercent(double percent) => (byte)Math.Round(Math.Clamp(double.IsNaN(percent) ? 0 : percent, 0, 100) * 2);

    /// <summary>Reads a byte of <see cref="HalfPercent"/>; past 200 fails the reader.</summary>
    internal static double FromHalfPercent(ref SpanReader r)
    {
        var value = r.Byte();
        if (value > 200)
        {
            r.Fail();
        }

        return value / 2.0;
    }

    private static long Hundredths(double value) => (long)Math.Round(Math.Max(0, value) * 100);
}
