namespace Psstd.Agent.Metrics;

/// <summary>Turns two readings of a cumulative kernel counter into a per-second rate.</summary>
internal static class CounterRate
{
    /// <summary>
    /// The average rate between two readings, rounded to a whole unit per second. A counter that went
    /// down wrapped (32-bit counters on old kernels) or was reset (a driver reload, a disk unplugged
    /// from a sum); the true delta is unknowable, so that interval reads 0 rather than a negative or
    /// absurdly large rate. No elapsed time also reads 0.
    /// </summary>
    public static long PerSecond(long previous, long current, TimeSpan elapsed) =>
        FromDelta(CounterDelta.Of(previous, current), elapsed);

    /// <summary>
    /// A growth already worked out (summed over interfaces, or with 32-bit wrap-around undone) as a
    /// rate rounded to a whole unit per second; no elapsed time or no growth reads 0.
    /// </summary>
    public static long FromDelta(long delta, TimeSpan elapsed) =>
        delta <= 0 || elapsed <= TimeSpan.Zero ? 0 : (long)Math.Round(delta / elapsed.TotalSeconds);
}
