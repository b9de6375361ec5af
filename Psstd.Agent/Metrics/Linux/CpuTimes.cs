namespace Psstd.Agent.Metrics.Linux;

/// <summary>Cumulative jiffies one /proc/stat "cpu" line reports, in the kernel's column order.</summary>
/// <remarks>
/// The guest and guest_nice columns are deliberately absent: the kernel already adds guest time to
/// user and nice, so summing them again would count a VM's time twice.
/// </remarks>
internal readonly record struct CpuTimes(
    long User,
    long Nice,
    long System,
    long Idle,
    long IoWait,
    long Irq,
    long SoftIrq,
    long Steal)
{
    public long Total => User + Nice + System + Idle + IoWait + Irq + SoftIrq + Steal;

    /// <summary>
    /// Time spent neither idle nor waiting for I/O. Steal counts as busy: the core was not free for
    /// this machine's work, which is what a cluster view wants to show.
    /// </summary>
    public long Busy => Total - Idle - IoWait;

    /// <summary>Time in the kernel: system, irq and softirq.</summary>
    public long Kernel => System + Irq + SoftIrq;
}
