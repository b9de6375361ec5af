namespace Psstd.Bench.Simulation;

/// <summary>Ages in 10 ms buckets: percentiles of many millions of samples in constant memory.</summary>
public sealed class AgeHistogram
{
    private const long BucketTicks = TimeSpan.TicksPerMillisecond * 10;
    private readonly long[] _buckets = new long[120_000 / 10 + 1];

    public long Count { get; private set; }

    public double MaxSeconds { get; private set; }

    public void Add(TimeSpan age)
    {
        var bucket = (int)Math.Min(_buckets.Length - 1, Math.Max(0, age.Ticks / BucketTicks));
        _buckets[bucket]++;
        Count++;
        MaxSeconds = Math.Max(MaxSeconds, age.TotalSeconds);
    }

    /// <summary>The upper edge of the bucket holding the <paramref name="quantile"/> sample, in seconds.</summary>
    public double Percentile(double quantile)
    {
        if (Count == 0)
        {
            return 0;
        }

        var rank = (long)Math.Ceiling(quantile * Count);
        long seen = 0;
        for (var i = 0; i < _buckets.Length; i++)
        {
            seen += _buckets[i];
            if (seen >= rank)
            {
                return (i + 1) * BucketTicks / (double)TimeSpan.TicksPerSecond;
            }
        }

        return MaxSeconds;
    }
}
