using System.Buffers.Binary;

namespace Psstd.Agent.Metrics.MacOS;

/// <summary>Reads the page counts of vm_statistics64 (mach/vm_statistics.h) that make up used memory.</summary>
/// <remarks>
/// Used is what Activity Monitor calls Memory Used: app memory (internal pages less the purgeable ones)
/// plus wired plus compressed. The rest, free pages and the file cache, can be handed out without
/// paging, which is what Linux's MemAvailable means. Offsets follow the header's field order: four
/// natural_t, nine uint64_t, two natural_t, four uint64_t, then the four natural_t read here.
/// </remarks>
internal static class VmStatisticsParser
{
    private const int WireCount = 12;
    private const int PurgeableCount = 88;
    private const int CompressorPageCount = 128;
    private const int InternalPageCount = 140;
    private const int Size = 152;

    /// <summary>Used bytes, at most <paramref name="totalBytes"/>; 0 when the buffer is short.</summary>
    public static long UsedBytes(ReadOnlySpan<byte> statistics, long pageSize, long totalBytes)
    {
        if (statistics.Length < Size)
        {
            return 0;
        }

        long app = Math.Max(0, (long)Read(statistics, InternalPageCount) - Read(statistics, PurgeableCount));
        long pages = app + Read(statistics, WireCount) + Read(statistics, CompressorPageCount);
        return Math.Clamp(pages * pageSize, 0, totalBytes);
    }

    private static uint Read(ReadOnlySpan<byte> statistics, int offset) =>
        BinaryPrimitives.ReadUInt32LittleEndian(statistics[offset..]);
}
