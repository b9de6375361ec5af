using Psstd.Agent.Metrics;

namespace Psstd.Tests.Metrics;

public sealed class CounterRateTests
{
    [Fact]
    public void PerSecond_Growth_IsDeltaOverElapsedSeconds()
    {
        Assert.Equal(1_500, CounterRate.PerSecond(1_000, 4_000, TimeSpan.FromSeconds(2)));
    }

    [Fact]
    public void PerSecond_FractionalRate_RoundsToWholeUnits()
    {
        Assert.Equal(3, CounterRate.PerSecond(0, 10, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public void PerSecond_CounterReset_IsZero()
    {
        Assert.Equal(0, CounterRate.PerSecond(9_000_000, 1_000, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void PerSecond_NoElapsedTime_IsZero()
    {
        Assert.Equal(0, CounterRate.PerSecond(0, 1_000, TimeSpan.Zero));
    }

    [Fact]
    public void PerSecond_Unchanged_IsZero()
    {
        Assert.Equal(0, CounterRate.PerSecond(77, 77, TimeSpan.FromSeconds(1)));
    }
}
