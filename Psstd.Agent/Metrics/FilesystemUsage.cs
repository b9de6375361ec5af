namespace Psstd.Agent.Metrics;

/// <summary>Size and use of one filesystem, in bytes.</summary>
internal readonly record struct FilesystemUsage(long TotalBytes, long UsedBytes)
{
    /// <summary>
    /// Measures the filesystem holding <paramref name="drive"/>; zero when it cannot be queried (an
    /// unmounted path, no permission). On Unix DriveInfo calls statvfs underneath. Used is total minus
    /// free including the blocks reserved for root, which is what df prints in its Used column.
    /// </summary>
    public static FilesystemUsage Measure(DriveInfo drive)
    {
        ArgumentNullException.ThrowIfNull(drive);
        try
        {
            long total = drive.TotalSize;
            return new FilesystemUsage(total, Math.Max(0, total - drive.TotalFreeSpace));
        }
        catch (IOException)
        {
            return default;
        }
        catch (UnauthorizedAccessException)
        {
            return default;
        }
    }
}
