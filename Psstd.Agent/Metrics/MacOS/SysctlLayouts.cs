using System.Buffers.Binary;

namespace Psstd.Agent.Metrics.MacOS;

/// <summary>
/// Decodes the structs the macOS probe reads with sysctlbyname, laid out as sys/sysctl.h and
/// sys/time.h give them for 64-bit macOS (long and time_t 8 bytes, little-endian on Intel and Apple
/// silicon). A value shorter than its struct reads 0.
/// </summary>
internal static class SysctlLayouts
{
    /// <summary>hw.memsize: a uint64_t of bytes.</summary>
    public static long MemSize(ReadOnlySpan<byte> value) =>
        value.Length < 8 ? 0 : ClampToLong(BinaryPrimitives.ReadUInt64LittleEndian(value));

    /// <summary>vm.swapusage: struct xsw_usage { u_int64_t xsu_total, xsu_avail, xsu_used; u_int32_t xsu_pagesize; boolean_t xsu_encrypted; }.</summary>
    public static (long Total, long Used) SwapUsage(ReadOnlySpan<byte> value)
    {
        if (value.Length < 24)
        {
            return default;
        }

        long total = ClampToLong(BinaryPrimitives.ReadUInt64LittleEndian(value));
        long used = ClampToLong(BinaryPrimitives.ReadUInt64LittleEndian(value[16..]));
        return (total, Math.Min(used, total));
    }

    /// <summary>vm.loadavg: struct loadavg { fixpt_t ldavg[3]; long fscale; }, each average ldavg[i] / fscale.</summary>
    public static (double One, double Five, double Fifteen) LoadAverage(ReadOnlySpan<byte> value)
    {
        if (value.Length < 24)
        {
            return default;
        }

        long scale = BinaryPrimitives.ReadInt64LittleEndian(value[16..]);
        if (scale <= 0)
        {
            return default;
        }

        return (
            BinaryPrimitives.ReadUInt32LittleEndian(value) / (double)scale,
            BinaryPrimitives.ReadUInt32LittleEndian(value[4..]) / (double)scale,
            BinaryPrimitives.ReadUInt32LittleEndian(value[8..]) / (double)scale);
    }

    /// <summary>kern.boottime: struct timeval { time_t tv_sec; suseconds_t tv_usec; }, as Unix seconds.</summary>
    public static long BootTimeSeconds(ReadOnlySpan<byte> value) =>
        value.Length < 8 ? 0 : Math.Max(0, BinaryPrimitives.ReadInt64LittleEndian(value));

    private static long ClampToLong(ulong value) => value > long.MaxValue ? long.MaxValue : (long)value;
}
