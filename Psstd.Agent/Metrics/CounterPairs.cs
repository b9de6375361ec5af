namespace Psstd.Agent.Metrics;

/// <summary>Growth of pairs of cumulative counters kept per device, for devices that come and go.</summary>
internal static class CounterPairs
{
    /// <summary>
    /// Growth of both counters between two readings, summed over the devices present in both. A device
    /// that appeared counts from its next reading, one that vanished is dropped, and one whose counters
    /// went down (recreated under the same key) counts 0 for the interval. Summing first and taking the
    /// difference after would turn a vanished device into a reset of the whole total.
    /// </summary>
    public static (long First, long Second) Growth<TKey>(
        IReadOnlyDictionary<TKey, (long, long)> previous, IReadOnlyDictionary<TKey, (long, long)> current)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        long first = 0, second = 0;
        foreach (var (key, now) in current)
        {
            if (previous.TryGetValue(key, out var before))
            {
                first += CounterDelta.Of(before.Item1, now.Item1);
                second += CounterDelta.Of(before.Item2, now.Item2);
            }
        }

        return (first, second);
    }
}
