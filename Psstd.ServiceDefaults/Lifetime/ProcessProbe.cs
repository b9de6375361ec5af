using System.Diagnostics;
using System.Globalization;

namespace Psstd.ServiceDefaults.Lifetime;

/// <summary>Whether a process runs, and who its parent is.</summary>
public static class ProcessProbe
{
    public static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// State letter and parent id from Linux's <c>/proc/PID/stat</c>; null when the process is gone.
    /// The line is "pid (comm) state ppid ...", and comm may hold spaces and parentheses.
    /// </summary>
    public static (char State, int ParentId)? LinuxStat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            return (fields[0][0], int.Parse(fields[1], CultureInfo.InvariantCulture));
        }
        catch (IOException)
        {
            return null; // gone between listing and reading
        }
    }
}
