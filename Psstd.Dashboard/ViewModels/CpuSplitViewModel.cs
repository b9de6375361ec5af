namespace Psstd.Dashboard.ViewModels;

/// <summary>Where the whole machine's CPU time went, each a whole percentage of all its time (the rest is idle).</summary>
/// <param name="User">User and nice time.</param>
/// <param name="Kernel">System, irq and softirq time.</param>
/// <param name="IoWait">Idle with I/O outstanding: not busy, but a machine stuck on its disks shows here.</param>
/// <param name="Steal">Time the hypervisor gave to another guest.</param>
public sealed record CpuSplitViewModel(int User, int Kernel, int IoWait, int Steal);
