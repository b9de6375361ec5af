namespace Psstd.Contracts;

/// <summary>
/// How a machine's CPU time split over the last interval, in % of all its time (each 0 to 100; the rest is idle).
/// Busy (<see cref="NodeMetrics.CpuBusyPercent"/>) is user plus kernel plus steal; I/O wait is not busy, and a
/// high one tells a machine stuck on its disks from one that computes.
/// </summary>
/// <param name="User">User and nice time.</param>
/// <param name="Kernel">System, irq and softirq time.</param>
/// <param name="IoWait">Idle time with I/O outstanding.</param>
/// <param name="Steal">Time a hypervisor gave to someone else.</param>
public sealed record CpuShares(double User, double Kernel, double IoWait, double Steal);
