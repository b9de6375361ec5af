namespace Psstd.Agent.Metrics.Linux;

/// <summary>The CPU part of one /proc/stat reading.</summary>
/// <param name="Aggregate">The machine-wide "cpu" line; all zero when the line was missing or unreadable.</param>
/// <param name="Cores">
/// One entry per "cpuN" line, in file order. Offline cores have no line, so indices may have gaps.
/// </param>
internal sealed record CpuStatReading(CpuTimes Aggregate, IReadOnlyList<CoreTimes> Cores)
{
    public static CpuStatReading Empty { get; } = new(default, []);
}
