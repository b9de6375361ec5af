namespace Psstd.Agent.Metrics.MacOS;

/// <summary>
/// One core's processor_cpu_load_info: cpu_ticks[CPU_STATE_MAX] in the order CPU_STATE_USER, SYSTEM,
/// IDLE, NICE (mach/machine.h). The counters are 32-bit and wrap, at 100 ticks a second after some
/// 16 months of one core's time, so every delta undoes the wrap.
/// </summary>
internal readonly record struct MachCoreTicks(uint User, uint System, uint Idle, uint Nice)
{
    /// <summary>CPU_STATE_MAX: the integers per core in host_processor_info's array.</summary>
    public const int States = 4;

    public static TickDelta Delta(MachCoreTicks previous, MachCoreTicks current)
    {
        long busy = CounterDelta.OfWrapping32(previous.User, current.User)
            + CounterDelta.OfWrapping32(previous.System, current.System)
            + CounterDelta.OfWrapping32(previous.Nice, current.Nice);
        return new TickDelta(busy, busy + CounterDelta.OfWrapping32(previous.Idle, current.Idle));
    }

    /// <summary>One entry per whole group of four integers, in processor order.</summary>
    public static MachCoreTicks[] Parse(ReadOnlySpan<int> ticks)
    {
        var cores = new MachCoreTicks[ticks.Length / States];
        for (int i = 0; i < cores.Length; i++)
        {
            var core = ticks.Slice(i * States, States);
            cores[i] = new MachCoreTicks(unchecked((uint)core[0]), unchecked((uint)core[1]), unchecked((uint)core[2]), unchecked((uint)core[3]));
        }

        return cores;
    }
}
