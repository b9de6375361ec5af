using System.Globalization;

using Psstd.ServiceDefaults.Lifetime;

namespace Psstd.Tests.Support;

/// <summary>Process facts read from /proc, which also sees processes that are not our children.</summary>
public static class LinuxProcesses
{
    /// <summary>Direct children of <paramref name="parent"/>.</summary>
    public static IReadOnlyList<int> ChildrenOf(int parent)
    {
        var result = new List<int>();
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
                && ProcessProbe.LinuxStat(pid) is { } stat && stat.ParentId == parent)
            {
                result.Add(pid);
            }
        }

        return result;
    }

    /// <summary>Running, not a zombie waiting for a reaper.</summary>
    public static bool IsAlive(int pid) => ProcessProbe.LinuxStat(pid) is { } stat && stat.State is not ('Z' or 'X');
}
