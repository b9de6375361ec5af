using System.Buffers;

namespace Psstd.Agent.Metrics.Linux;

/// <summary>Reads /proc/diskstats and sums I/O over whole physical disks.</summary>
/// <remarks>
/// One request is counted once, on the disk that served it. The kernel reports the same request on
/// several lines, so only whole disks are summed:
/// <list type="bullet">
/// <item>a partition repeats its disk's I/O. A device is a partition when another listed device is
/// its parent: the name is the parent's plus a number ("sda" + "1"), or plus "p" and a number when the
/// parent's name ends in a digit ("nvme0n1" + "p1", "mmcblk0" + "p1"). Without that parent present,
/// a partition-like name (Xen's "xvdb1" handed to a guest as a whole disk) is a disk of its own.</item>
/// <item>device-mapper ("dm-*", LVM, LUKS) and software RAID ("md*") repeat the I/O of the disks
/// beneath them.</item>
/// <item>loop, ram and zram devices are memory or files, not disks; their I/O either is not disk I/O
/// at all or shows up again on the disk that holds the backing file.</item>
/// </list>
/// </remarks>
internal static class DiskStatsParser
{
    /// <summary>/proc/diskstats counts 512-byte sectors whatever the device's real sector size.</summary>
    private const long BytesPerSector = 512;

    /// <summary>The major and minor numbers precede the name.</summary>
    private const int FieldsBeforeName = 2;

    /// <summary>
    /// Parses the text of /proc/diskstats into totals over whole disks. Lines with fewer than ten
    /// fields or unreadable counters are skipped.
    /// </summary>
    public static DiskIoTotals Parse(ReadOnlySpan<char> text)
    {
        int lineCount = text.Count('\n') + 1;
        var devices = ArrayPool<DiskLine>.Shared.Rent(lineCount);
        try
        {
            int count = ReadDevices(text, devices);
            long sectorsRead = 0, sectorsWritten = 0;
            for (int i = 0; i < count; i++)
            {
                if (!IsPartitionOfListedDevice(text, devices.AsSpan(0, count), devices[i]))
                {
                    sectorsRead += devices[i].SectorsRead;
                    sectorsWritten += devices[i].SectorsWritten;
                }
            }

            return new DiskIoTotals(sectorsRead * BytesPerSector, sectorsWritten * BytesPerSector);
        }
        finally
        {
            ArrayPool<DiskLine>.Shared.Return(devices);
        }
    }

    /// <summary>Devices that never hold I/O of their own, whatever else is listed.</summary>
    public static bool IsVirtualDevice(ReadOnlySpan<char> name) =>
        name.StartsWith("loop", StringComparison.Ordinal)
        || name.StartsWith("ram", StringComparison.Ordinal)
        || name.StartsWith("zram", StringComparison.Ordinal)
        || name.StartsWith("dm-", StringComparison.Ordinal)
        || name.StartsWith("md", StringComparison.Ordinal);

    /// <summary>Whether <paramref name="name"/> is the name a partition of <paramref name="disk"/> would have.</summary>
    public static bool IsPartitionOf(ReadOnlySpan<char> name, ReadOnlySpan<char> disk)
    {
        if (disk.IsEmpty || name.Length <= disk.Length || !name.StartsWith(disk, StringComparison.Ordinal))
        {
            return false;
        }

        var suffix = name[disk.Length..];
        if (char.IsAsciiDigit(disk[^1]))
        {
            // "nvme0n1" + "0" is namespace 10, not a partition: a digit-ending disk needs the "p".
            if (suffix[0] != 'p')
            {
                return false;
            }

            suffix = suffix[1..];
        }

        return !suffix.IsEmpty && !suffix.ContainsAnyExceptInRange('0', '9');
    }

    /// <summary>Collects the non-virtual devices, remembering where each name sits in the text.</summary>
    private static int ReadDevices(ReadOnlySpan<char> text, DiskLine[] devices)
    {
        int count = 0;
        int lineStart = 0;
        while (lineStart < text.Length && count < devices.Length)
        {
            int length = text[lineStart..].IndexOf('\n');
            if (length < 0)
            {
                length = text.Length - lineStart;
            }

            if (TryReadLine(text.Slice(lineStart, length), out var device)
                && !IsVirtualDevice(text.Slice(lineStart + device.NameStart, device.NameLength)))
            {
                devices[count++] = device with { NameStart = lineStart + device.NameStart };
            }

            lineStart += length + 1;
        }

        return count;
    }

    /// <summary>Reads one line; the name position it returns is relative to the line.</summary>
    private static bool TryReadLine(ReadOnlySpan<char> line, out DiskLine device)
    {
        device = default;
        var fields = new FieldCursor(line);
        if (!fields.TrySkip(FieldsBeforeName) || !fields.TryNext(out var name))
        {
            return false;
        }

        int nameStart = fields.Position - name.Length;

        // Fields after the name: reads, reads merged, sectors read, ms reading, writes, writes merged, sectors written.
        if (!fields.TrySkip(2)
            || !fields.TryNextInt64(out long sectorsRead)
            || !fields.TrySkip(3)
            || !fields.TryNextInt64(out long sectorsWritten))
        {
            return false;
        }

        device = new DiskLine(nameStart, name.Length, sectorsRead, sectorsWritten);
        return true;
    }

    private static bool IsPartitionOfListedDevice(ReadOnlySpan<char> text, ReadOnlySpan<DiskLine> devices, DiskLine device)
    {
        var name = text.Slice(device.NameStart, device.NameLength);
        foreach (var other in devices)
        {
            if (IsPartitionOf(name, text.Slice(other.NameStart, other.NameLength)))
            {
                return true;
            }
        }

        return false;
    }

    private readonly record struct DiskLine(int NameStart, int NameLength, long SectorsRead, long SectorsWritten);
}
