namespace Psstd.Agent.Metrics.Linux;

/// <summary>Busy percentages from two /proc/stat readings.</summary>
internal static class CpuBusy
{
    /// <summary>
    /// Busy % over the interval between two cumulative readings: the share of elapsed jiffies that
    /// were neither idle nor iowait, clamped to 0..100. No elapsed jiffies reads 0. The clamp is there
    /// because the kernel's iowait accounting can step backwards, which would otherwise push a core
    /// past 100 % or below 0 %.
    /// </summary>
    public static double Percent(CpuTimes previous, CpuTimes current)
    {
        long total = current.Total - previous.Total;
        if (total <= 0)
        {
            return 0;
        }

        double percent = 100.0 * (current.Busy - previous.Busy) / total;
        return Math.Clamp(percent, 0, 100);
    }

    /// <summary>
    /// Busy % per core of <paramref name="current"/>, in its order. Cores are matched by cpu number,
    /// not position, so a core unplugged in between does not shift its neighbours; a core with no
    /// previous reading (just plugged in) reads 0 for this interval.
    /// </summary>
    public static double[] PerCore(CpuStatReading previous, CpuStatReading current)
    {
        var before = previous.Cores;
        var now = current.Cores;
        var result = new double[now.Count];
        for (int i = 0; i < now.Count; i++)
        {
            if (TryFind(before, now[i].Index, i, out var earlier))
            {
                result[i] = Percent(earlier, now[i].Times);
            }
        }

        return result;
    }

    /// <summary>Looks at the same position first: without hotplug every core is found there.</summary>
    private static bool TryFind(IReadOnlyList<CoreTimes> cores, int index, int hint, out CpuTimes times)
    {
        if (hint < cores.Count && cores[hint].Index == index)
        {
            times = cores[hint].Times;
            return true;
        }

        for (int i = 0; i < cores.Count; i++)
        {
            if (cores[i].Index == index)
            {
                times = cores[i].Times;
                return true;
            }
        }

        times = default;
        return false;
    }
}
