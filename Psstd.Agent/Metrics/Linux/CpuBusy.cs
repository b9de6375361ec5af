using Psstd.Contracts;

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
    /// Where the time between two readings went, in % of all of it: user and nice, kernel, iowait, steal. Each part is
    /// clamped to 0..100, for the same reason as <see cref="Percent"/>; null when no time elapsed.
    /// </summary>
    public static CpuShares? Shares(CpuTimes previous, CpuTimes current)
    {
        long total = current.Total - previous.Total;
        if (total <= 0)
        {
            return null;
        }

        double Share(long before, long now) => Math.Clamp(100.0 * (now - before) / total, 0, 100);
        return new CpuShares(
            Share(previous.User + previous.Nice, current.User + current.Nice),
            Share(previous.Kernel, current.Kernel),
            Share(previous.IoWait, current.IoWait),
            Share(previous.Steal, current.Steal));
    }

    /// <summary>Busy % per core of <paramref name="current"/> (see <see cref="PerCore(CpuStatReading, CpuStatReading, Func{CpuTimes, CpuTimes, double})"/>).</summary>
    public static double[] PerCore(CpuStatReading previous, CpuStatReading current) => PerCore(previous, current, Percent);

    /// <summary>Kernel % (system, irq, softirq) per core of <paramref name="current"/>, matched as <see cref="PerCore(CpuStatReading, CpuStatReading)"/> matches them.</summary>
    public static double[] KernelPerCore(CpuStatReading previous, CpuStatReading current) =>
        PerCore(previous, current, (before, now) => Shares(before, now)?.Kernel ?? 0);

    /// <summary>
    /// A figure per core of <paramref name="current"/>, in its order. Cores are matched by cpu number,
    /// not position, so a core unplugged in between does not shift its neighbours; a core with no
    /// previous reading (just plugged in) reads 0 for this interval.
    /// </summary>
    private static double[] PerCore(CpuStatReading previous, CpuStatReading current, Func<CpuTimes, CpuTimes, double> figure)
    {
        var before = previous.Cores;
        var now = current.Cores;
        var result = new double[now.Count];
        for (int i = 0; i < now.Count; i++)
        {
            if (TryFind(before, now[i].Index, i, out var earlier))
            {
                result[i] = figure(earlier, now[i].Times);
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
