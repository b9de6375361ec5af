using System.Globalization;

using Psstd.ServiceDefaults.Lifetime;

namespace Psstd.Tests.Support;

/// <summary>Process facts read from /proc, which also sees processes that are not our children.</summary>
public static class LinuxProcesses
{
    /// <summary>Direct children of <paramref name="parent"/>.</summary>
    public static IReadOnlyList<int> ChildrenOf(int parent) =>
        [.. All().Where(pid => ProcessProbe.LinuxStat(pid) is { } stat && stat.ParentId == parent)];

    private static IEnumerable<int> All()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }

    /// <summary>A /proc file's text; empty when the process is gone or not ours to read.</summary>
    private static string Read(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "";
        }
    }

    /// <summary>The psstd processes whose <c>PSSTD_SOCKET</c> lies under <paramref name="rootDirectory"/> (an AppHost run's).</summary>
    public static IReadOnlyList<int> PsstdUnder(string rootDirectory) =>
        [.. All().Where(pid => Read($"/proc/{pid}/environ").Split('\0').Any(v => v.StartsWith("PSSTD_SOCKET=" + rootDirectory, StringComparison.Ordinal)))];

    /// <summary>DCP watching <paramref name="appHost"/> (<c>dcp ... --monitor PID</c>), and every process below it.</summary>
    public static IReadOnlyList<int> DcpOf(int appHost)
    {
        var monitors = All().Where(pid =>
        {
            var commandLine = Read($"/proc/{pid}/cmdline").Split('\0');
            var monitor = Array.IndexOf(commandLine, "--monitor");
            return monitor >= 0 && monitor + 1 < commandLine.Length && commandLine[monitor + 1] == appHost.ToString(CultureInfo.InvariantCulture);
        });
        var found = new List<int>();
        var frontier = new Queue<int>(monitors);
        while (frontier.TryDequeue(out var pid))
        {
            found.Add(pid);
            foreach (var child in ChildrenOf(pid))
            {
                frontier.Enqueue(child);
            }
        }

        return found;
    }

    /// <summary>Running, not a zombie waiting for a reaper.</summary>
    public static bool IsAlive(int pid) => ProcessProbe.LinuxStat(pid) is { } stat && stat.State is not ('Z' or 'X');
}
