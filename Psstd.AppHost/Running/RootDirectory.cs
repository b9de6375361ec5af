using System.Globalization;
using Psstd.ServiceDefaults.Lifetime;

namespace Psstd.AppHost.Running;

/// <summary>
/// The temporary directory of one AppHost run: <c>$TMPDIR/psstd-apphost-PID</c>. Directories of
/// earlier runs whose process is gone (a killed AppHost cannot clean up) are removed at the next start.
/// </summary>
public static class RootDirectory
{
    private const string Prefix = "psstd-apphost-";

    public static string CreateFresh(int pid)
    {
        RemoveAbandoned();
        var path = Path.Combine(Path.GetTempPath(), Prefix + pid.ToString(CultureInfo.InvariantCulture));
        Remove(path);
        Directory.CreateDirectory(path);
        return path;
    }

    public static void Remove(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A file still held by a child that has not quite exited; abandoned dirs are swept next start.
        }
    }

    private static void RemoveAbandoned()
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            if (int.TryParse(Path.GetFileName(directory).AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && !ProcessProbe.IsRunning(pid))
            {
                Remove(directory);
            }
        }
    }
}
