using Psstd.Agent.Metrics.Linux;

namespace Psstd.Agent.Metrics;

/// <summary>Picks the probe for the platform the agent runs on.</summary>
internal static class MetricsProbeFactory
{
    /// <summary>The full /proc probe on Linux; elsewhere the portable probe that reads what .NET exposes.</summary>
    public static IMetricsProbe Create(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return OperatingSystem.IsLinux() ? new LinuxProbe(time) : new PortableProbe();
    }
}
