using System.Diagnostics;

namespace Psstd.ServiceDefaults.Lifetime;

/// <summary>Whether a process id names a running process.</summary>
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
}
