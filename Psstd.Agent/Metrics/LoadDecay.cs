namespace Psstd.Agent.Metrics;

/// <summary>
/// A load average worked out by the agent, for OSes that keep none (Windows): the number of threads
/// ready or running, smoothed exactly as Linux smooths its run queue into the 1, 5 and 15 minute figures.
/// </summary>
/// <remarks>
/// Each reading pulls the averages towards it by 1 - e^(-elapsed/period), so readings at any interval
/// give the curve Linux draws with its fixed five-second step. The averages start at 0, as Linux's do
/// at boot, and climb over the first minutes after the agent starts rather than invent a past.
/// </remarks>
internal sealed class LoadDecay
{
    private static readonly TimeSpan OneMinute = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan FiveMinutes = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan FifteenMinutes = TimeSpan.FromMinutes(15);

    public double One { get; private set; }
    public double Five { get; private set; }
    public double Fifteen { get; private set; }

    /// <summary>Folds in a reading of <paramref name="runnable"/> threads held for <paramref name="elapsed"/>.</summary>
    public void Add(double runnable, TimeSpan elapsed)
    {
        if (elapsed <= TimeSpan.Zero || !double.IsFinite(runnable))
        {
            return;
        }

        double n = Math.Max(0, runnable);
        One = Decay(One, n, elapsed, OneMinute);
        Five = Decay(Five, n, elapsed, FiveMinutes);
        Fifteen = Decay(Fifteen, n, elapsed, FifteenMinutes);
    }

    private static double Decay(double average, double n, TimeSpan elapsed, TimeSpan period)
    {
        double keep = Math.Exp(-elapsed / period);
        return (average * keep) + (n * (1 - keep));
    }
}
