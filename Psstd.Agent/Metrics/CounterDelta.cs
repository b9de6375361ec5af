namespace Psstd.Agent.Metrics;

/// <summary>How much a cumulative OS counter grew between two readings, whatever its width.</summary>
internal static class CounterDelta
{
    private const long Range32 = 1L << 32;

    /// <summary>
    /// Growth of a 64-bit counter. One that went down was reset (a driver reload, an interface
    /// recreated); the true growth is unknowable, so the interval counts 0 rather than a negative.
    /// </summary>
    public static long Of(long previous, long current) => current < previous ? 0 : current - previous;

    /// <summary>
    /// Growth of a 32-bit counter, which the OS lets wrap past 2^32 (macOS tick counters, if_data byte
    /// counters): a value that went down wrapped once. A reset looks the same and cannot be told apart;
    /// the interval then reads at most one wrap too much, which the next interval does not repeat.
    /// </summary>
    public static long OfWrapping32(uint previous, uint current) =>
        current >= previous ? current - previous : Range32 - previous + current;
}
