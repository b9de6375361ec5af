namespace Psstd.Agent.Metrics.Linux;

/// <summary>Jiffies of one logical core, keyed by the kernel's cpu number so readings can be matched across hotplug.</summary>
internal readonly record struct CoreTimes(int Index, CpuTimes Times);
