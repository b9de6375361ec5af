using System.Diagnostics;

namespace Psstd.Agent.Metrics;

/// <summary>Counts processes through .NET, for OSes without /proc.</summary>
internal static class ProcessList
{
    /// <summary>The number of processes the OS lists; 0 when it will not list them.</summary>
    public static int Count()
    {
        Process[] processes;
        try
        {
            processes = Process.GetProcesses();
        }
        catch (InvalidOperationException)
        {
            return 0;
        }
        catch (PlatformNotSupportedException)
        {
            return 0;
        }

        foreach (var process in processes)
        {
            process.Dispose();
        }

        return processes.Length;
    }
}
