using System.Globalization;

namespace Psstd.Agent.Metrics.Linux;

/// <summary>Reads the "cpu" lines of /proc/stat.</summary>
internal static class ProcStatParser
{
    /// <summary>user, nice and system exist on every kernel; the rest arrived over the 2.5/2.6 series.</summary>
    private const int RequiredColumns = 4;

    private const int KnownColumns = 8;

    /// <summary>
    /// Parses the text of /proc/stat. Lines that are not "cpu" lines are ignored, and a "cpu" line
    /// that cannot be read (fewer than four numbers, a bad cpu number) is skipped. Missing trailing
    /// columns, as older kernels print, read as zero; columns after steal are ignored.
    /// </summary>
    public static CpuStatReading Parse(ReadOnlySpan<char> text)
    {
        // Count first so a 128-core host costs one exact allocation per reading.
        int coreLines = 0;
        foreach (var line in text.EnumerateLines())
        {
            if (line.StartsWith("cpu", StringComparison.Ordinal) && line.Length > 3 && char.IsAsciiDigit(line[3]))
            {
                coreLines++;
            }
        }

        var cores = new CoreTimes[coreLines];
        int count = 0;
        CpuTimes aggregate = default;
        foreach (var line in text.EnumerateLines())
        {
            if (!line.StartsWith("cpu", StringComparison.Ordinal))
            {
                continue;
            }

            var fields = new FieldCursor(line);
            if (!fields.TryNext(out var label) || !TryReadTimes(ref fields, out var times))
            {
                continue;
            }

            var suffix = label[3..];
            if (suffix.IsEmpty)
            {
                aggregate = times;
            }
            else if (count < cores.Length
                && int.TryParse(suffix, NumberStyles.None, CultureInfo.InvariantCulture, out int index))
            {
                cores[count++] = new CoreTimes(index, times);
            }
        }

        if (count < cores.Length)
        {
            Array.Resize(ref cores, count);
        }

        return new CpuStatReading(aggregate, cores);
    }

    private static bool TryReadTimes(ref FieldCursor fields, out CpuTimes times)
    {
        Span<long> columns = stackalloc long[KnownColumns];
        int read = 0;
        while (read < KnownColumns && fields.TryNextInt64(out long value))
        {
            columns[read++] = value;
        }

        times = read < RequiredColumns
            ? default
            : new CpuTimes(columns[0], columns[1], columns[2], columns[3], columns[4], columns[5], columns[6], columns[7]);
        return read >= RequiredColumns;
    }
}
