using System.Globalization;
using System.Security.Cryptography;
using Psstd.ServiceDefaults.Lifetime;

namespace Psstd.AppHost.Running;

/// <summary>
/// The temporary directory of one cluster: <c>$TMPDIR/psstd-apphost-PID-XXXXXX</c> (a test process runs
/// several clusters, one after another). Directories whose process is gone (a killed AppHost cannot clean
/// up) are removed at the next start.
/// </summary>
public static class RootDirectory
{
    private const string Prefix = "psstd-apphost-";

    public static string CreateFresh(int pid)
    {
        RemoveAbandoned();
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3));
        var path = Path.Combine(Path.GetTempPath(), $"{Prefix}{pid.ToString(CultureInfo.InvariantCulture)}-{suffix}");
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

    /// <summary>The pid in a directory name of this form (<c>psstd-apphost-4242</c> or <c>psstd-apphost-4242-a1b2c3</c>); null otherwise.</summary>
    public static int? OwnerOf(string directoryName)
    {
        ArgumentNullException.ThrowIfNull(directoryName);
        if (!directoryName.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return null;
        }

        var rest = directoryName.AsSpan(Prefix.Length);
        var dash = rest.IndexOf('-');
        return int.TryParse(dash < 0 ? rest : rest[..dash], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
    }

    private static void RemoveAbandoned()
    {
        foreach (var directory in Directory.EnumerateDirectories(Path.GetTempPath(), Prefix + "*"))
        {
            if (OwnerOf(Path.GetFileName(directory)) is { } pid && !ProcessProbe.IsRunning(pid))
            {
                Remove(directory);
            }
        }
    }
}
