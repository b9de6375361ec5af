namespace Psstd.Agent.Metrics.Windows;

/// <summary>
/// Cumulative 100 ns units one logical core spent, as SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION gives
/// them. Kernel time includes idle time (the idle thread runs in kernel mode), and DPC and interrupt
/// time are part of kernel time, so busy is kernel + user - idle.
/// </summary>
internal readonly record struct ProcessorTimes(long Idle, long Kernel, long User)
{
    /// <summary>The interval between two readings of one core; a counter that went down counts 0.</summary>
    public static TickDelta Delta(ProcessorTimes previous, ProcessorTimes current)
    {
        long idle = CounterDelta.Of(previous.Idle, current.Idle);
        long total = CounterDelta.Of(previous.Kernel, current.Kernel) + CounterDelta.Of(previous.User, current.User);
        return new TickDelta(total - idle, total);
    }
}
