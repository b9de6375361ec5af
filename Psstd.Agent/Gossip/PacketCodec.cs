using Psstd.Contracts;

namespace Psstd.Agent.Gossip;

/// <summary>
/// The foundation's wire format: one record per datagram.
/// </summary>
/// <remarks>
/// Layout: magic "ps", wire version, message kind, cluster name (length-prefixed), then the record.
/// Numbers are LEB128 varints, strings one-byte-length UTF-8, per-core busy one byte each in half
/// percent, memory and file systems in MiB, loads in hundredths. A 128-core record stays well under
/// 300 bytes, so any record fits a datagram with room to spare. The version is checked before anything
/// else is read, and every field is range-checked: a hostile packet is dropped, never trusted.
/// </remarks>
public static class PacketCodec
{
    public const byte WireVersion = 1;

    /// <summary>Datagrams stay within this size (DESIGN.md section 5).</summary>
    public const int MaxDatagramBytes = 1200;

    /// <summary>More logical cores than any machine we know of has, to bound allocation by a hostile packet.</summary>
    public const int MaxCores = 4096;

    private const byte Magic0 = (byte)'p';
    private const byte Magic1 = (byte)'s';
    private const byte RecordKind = 1;
    private const long MaxMillis = 7L * 24 * 3600 * 1000;
    private const long Mib = 1024 * 1024;

    /// <summary>Encodes into <paramref name="destination"/>; returns the length, or 0 when it does not fit.</summary>
    public static int Encode(string cluster, NodeRecord record, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(record);
        var w = new SpanWriter(destination);
        w.Byte(Magic0);
        w.Byte(Magic1);
        w.Byte(WireVersion);
        w.Byte(RecordKind);
        w.ShortString(cluster);

        Span<byte> id = stackalloc byte[16];
        record.Id.TryWriteBytes(id);
        w.Bytes(id);
        w.VarLong(record.Generation);
        w.VarLong(record.Sequence);
        w.ShortString(record.Name);
        w.ShortString(record.AgentVersion);
        w.VarLong((long)record.Interval.TotalMilliseconds);
        w.VarLong((long)record.Ttl.TotalMilliseconds);
        w.ShortString(record.DashboardUrl);
        w.ShortString(record.GossipAddress);
        WriteMetrics(ref w, record.Metrics);
        return w.Overflowed ? 0 : w.Position;
    }

    /// <summary>Decodes one packet; never throws on any input.</summary>
    public static DecodeOutcome Decode(ReadOnlySpan<byte> packet, string expectedCluster, out NodeRecord? record)
    {
        record = null;
        var r = new SpanReader(packet);
        if (packet.Length < 4 || r.Byte() != Magic0 || r.Byte() != Magic1)
        {
            return DecodeOutcome.NotPsstd;
        }

        if (r.Byte() != WireVersion)
        {
            return DecodeOutcome.UnsupportedVersion;
        }

        var kind = r.Byte();
        var cluster = r.ShortString();
        if (r.Failed || kind != RecordKind)
        {
            return DecodeOutcome.Malformed;
        }

        if (!string.Equals(cluster, expectedCluster, StringComparison.Ordinal))
        {
            return DecodeOutcome.OtherCluster;
        }

        var id = r.Guid();
        var generation = r.VarLong();
        var sequence = r.VarLong();
        var name = r.ShortString();
        var version = r.ShortString();
        var interval = TimeSpan.FromMilliseconds(r.VarLong(MaxMillis));
        var ttl = TimeSpan.FromMilliseconds(r.VarLong(MaxMillis));
        var dashboard = r.ShortString();
        var gossip = r.ShortString();
        var metrics = ReadMetrics(ref r);
        if (r.Failed || r.Remaining != 0 || name.Length == 0 || ttl <= TimeSpan.Zero)
        {
            return DecodeOutcome.Malformed;
        }

        record = new NodeRecord(id, name, generation, sequence, version, interval, ttl, dashboard, gossip, metrics);
        return DecodeOutcome.Accepted;
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

    private static NodeMetrics ReadMetrics(ref SpanReader r)
    {
        var cores = (int)r.VarLong(MaxCores);
        if (r.Failed || cores > r.Remaining)
        {
            r.Fail();
            return NodeMetrics.Empty;
        }

        var busy = new double[cores];
        for (var i = 0; i < cores; i++)
        {
            busy[i] = FromHalfPercent(ref r);
        }

        const long maxMib = long.MaxValue / Mib;
        return new NodeMetrics
        {
            CoreBusyPercent = busy,
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

    private static byte HalfPercent(double percent) => (byte)Math.Round(Math.Clamp(percent, 0, 100) * 2);

    private static double FromHalfPercent(ref SpanReader r)
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
