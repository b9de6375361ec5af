using Psstd.Agent.Metrics.Linux;
using Psstd.Agent.Metrics.MacOS;
using Psstd.Agent.Metrics.Windows;

namespace Psstd.Agent.Metrics;

/// <summary>Picks the probe for the platform the agent runs on.</summary>
internal static class MetricsProbeFactory
{
    /// <summary>
    /// The /proc probe on Linux, the OS's own interfaces on Windows and macOS, and elsewhere the portable
    /// probe that reads only what .NET exposes.
    /// </summary>
    public static IMetricsProbe Create(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        if (OperatingSystem.IsLinux())
        {
            return new LinuxProbe(time);
        }

        if (OperatingSystem.IsWindows())
        {
            return new WindowsProbe(time);
        }

        return OperatingSystem.IsMacOS() ? new MacProbe(time) : new PortableProbe();
    }
}
