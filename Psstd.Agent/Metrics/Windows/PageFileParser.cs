using System.Buffers.Binary;

namespace Psstd.Agent.Metrics.Windows;

/// <summary>Reads the chain NtQuerySystemInformation(SystemPageFileInformation) fills: Windows' swap.</summary>
/// <remarks>
/// Each entry is SYSTEM_PAGEFILE_INFORMATION: ULONG NextEntryOffset, TotalSize, TotalInUse, PeakUsage
/// (sizes in pages), then the file's name. GlobalMemoryStatusEx's "page file" figures are the commit
/// limit and charge (RAM and page files together), which is not what a swap bar means.
/// </remarks>
internal static class PageFileParser
{
    private const int HeaderSize = 16;

    /// <summary>
    /// Size and use of all page files together, in pages. An entry that would run past the buffer
    /// ends the chain, so a short or garbled buffer yields what was whole in it.
    /// </summary>
    public static (long TotalPages, long UsedPages) Parse(ReadOnlySpan<byte> buffer)
    {
        long total = 0, used = 0;
        int offset = 0;
        while (offset >= 0 && offset <= buffer.Length - HeaderSize)
        {
            var entry = buffer[offset..];
            uint next = BinaryPrimitives.ReadUInt32LittleEndian(entry);
            total += BinaryPrimitives.ReadUInt32LittleEndian(entry[4..]);
            used += BinaryPrimitives.ReadUInt32LittleEndian(entry[8..]);
            if (next == 0 || next > int.MaxValue - offset)
            {
                break;
            }

            offset += (int)next;
        }

        return (total, used);
    }
}
