namespace Psstd.Agent.Metrics;

/// <summary>Busy % per core and for the machine from two readings of per-core tick counters.</summary>
/// <remarks>
/// For OSes that list cores by position only (Windows, macOS), whose core count is fixed while the
/// machine runs. Linux, which numbers cores and hotplugs them, has its own matching in Linux.CpuBusy.
/// </remarks>
internal static class CoreBusy
{
    /// <summary>
    /// Busy % of each core of <paramref name="current"/>, and of the machine as the ticks of all cores
    /// summed (so an idle core weighs as much as a busy one, as in /proc/stat's "cpu" line). A core with
    /// no previous reading at its position reads 0 for the interval.
    /// </summary>
    public static (double[] PerCore, double Machine) Measure<T>(
        IReadOnlyList<T> previous, IReadOnlyList<T> current, Func<T, T, TickDelta> delta)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(delta);
        var perCore = new double[current.Count];
        long busy = 0, total = 0;
        for (int i = 0; i < current.Count && i < previous.Count; i++)
        {
            var d = delta(previous[i], current[i]);
            perCore[i] = d.Percent;
            busy += Math.Max(0, d.Busy);
            total += Math.Max(0, d.Total);
        }

        return (perCore, new TickDelta(busy, total).Percent);
    }
}
