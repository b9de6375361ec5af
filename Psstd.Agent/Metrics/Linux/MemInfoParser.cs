namespace Psstd.Agent.Metrics.Linux;

/// <summary>Reads the few /proc/meminfo keys the node record carries.</summary>
internal static class MemInfoParser
{
    private const long BytesPerKibibyte = 1024;

    /// <summary>
    /// Parses the text of /proc/meminfo. Keys that are missing or unreadable count as zero, except
    /// MemAvailable: kernels before 3.14 lack it, and then free + buffers + page cache stands in for
    /// it. That estimate is a little generous (shared memory sits in the page cache but cannot be
    /// dropped), which is the price of supporting those kernels at all.
    /// </summary>
    public static MemoryInfo Parse(ReadOnlySpan<char> text)
    {
        long total = 0, free = 0, buffers = 0, cached = 0, swapTotal = 0, swapFree = 0, reclaimable = 0, shared = 0;
        long available = 0;
        bool hasAvailable = false;

        foreach (var line in text.EnumerateLines())
        {
            int colon = line.IndexOf(':');
            if (colon <= 0 || !TryReadKibibytes(line[(colon + 1)..], out long bytes))
            {
                continue;
            }

            switch (line[..colon])
            {
                case "MemTotal": total = bytes; break;
                case "MemFree": free = bytes; break;
                case "MemAvailable": available = bytes; hasAvailable = true; break;
                case "Buffers": buffers = bytes; break;
                case "Cached": cached = bytes; break;
                case "SwapTotal": swapTotal = bytes; break;
                case "SwapFree": swapFree = bytes; break;
                case "SReclaimable": reclaimable = bytes; break;
                case "Shmem": shared = bytes; break;
                default: break;
            }
        }

        if (!hasAvailable)
        {
            available = free + buffers + cached;
        }

        // As htop counts it: buffers, page cache and reclaimable slab, less shared memory, which sits in the page
        // cache but cannot be dropped.
        var cache = Math.Clamp(buffers + cached + reclaimable - shared, 0, total);
        return new MemoryInfo(total, available, swapTotal, swapFree, cache);
    }

    /// <summary>
    /// Every key read here is printed in kB (really KiB). A value with another or no unit is not one
    /// of them, and one too large to hold in bytes cannot be real; both are skipped.
    /// </summary>
    private static bool TryReadKibibytes(ReadOnlySpan<char> valueAndUnit, out long bytes)
    {
        bytes = 0;
        var fields = new FieldCursor(valueAndUnit);
        if (!fields.TryNextInt64(out long kibibytes)
            || !fields.TryNext(out var unit)
            || !unit.SequenceEqual("kB")
            || kibibytes > long.MaxValue / BytesPerKibibyte)
        {
            return false;
        }

        bytes = kibibytes * BytesPerKibibyte;
        return true;
    }
}
