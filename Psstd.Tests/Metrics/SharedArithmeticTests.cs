using Psstd.Agent.Metrics;

namespace Psstd.Tests.Metrics;

/// <summary>The arithmetic every non-Linux probe shares: counter growth, busy %, interface sums, decaying load.</summary>
public sealed class SharedArithmeticTests
{
    [Fact]
    public void CounterDelta_Of_GrowthIsTheDifference_AResetIsZero()
    {
        Assert.Equal(500, CounterDelta.Of(1_000, 1_500));
        Assert.Equal(0, CounterDelta.Of(1_500, 1_000));
    }

    [Fact]
    public void CounterDelta_Wrapping32_UndoesOneWrapPast2To32()
    {
        Assert.Equal(10, CounterDelta.OfWrapping32(100, 110));
        Assert.Equal(0x20, CounterDelta.OfWrapping32(0xFFFF_FFF0, 0x10));
        Assert.Equal(0, CounterDelta.OfWrapping32(uint.MaxValue, uint.MaxValue));
    }

    [Fact]
    public void CounterRate_FromDelta_RoundsPerSecond_AndIsZeroWithoutTimeOrGrowth()
    {
        Assert.Equal(333, CounterRate.FromDelta(1_000, TimeSpan.FromSeconds(3)));
        Assert.Equal(0, CounterRate.FromDelta(1_000, TimeSpan.Zero));
        Assert.Equal(0, CounterRate.FromDelta(-5, TimeSpan.FromSeconds(1)));
    }

    [Fact]
    public void CoreBusy_Measure_PerCoreAndMachineWeightedByTicks()
    {
        long[] before = [0, 0];
        long[] after = [100, 300];

        // Core 0: 50 busy of 100; core 1: 300 busy of 300. Machine: 350 of 400.
        var (perCore, machine) = CoreBusy.Measure(before, after, (p, c) => c == 100 ? new TickDelta(50, c - p) : new TickDelta(c - p, c - p));

        Assert.Equal([50.0, 100.0], perCore);
        Assert.Equal(87.5, machine);
    }

    [Fact]
    public void CoreBusy_Measure_CoreWithoutPreviousReading_ReadsZero()
    {
        var (perCore, machine) = CoreBusy.Measure([0L], [10L, 10L], (p, c) => new TickDelta(c - p, c - p));

        Assert.Equal([100.0, 0.0], perCore);
        Assert.Equal(100, machine);
    }

    [Fact]
    public void TickDelta_Percent_ClampsAndIsZeroWithoutTicks()
    {
        Assert.Equal(0, new TickDelta(5, 0).Percent);
        Assert.Equal(100, new TickDelta(12, 10).Percent);
        Assert.Equal(0, new TickDelta(-3, 10).Percent);
    }

    [Fact]
    public void InterfaceTraffic_Growth_SumsInterfacesInBothReadings_ResetCountsZero()
    {
        var previous = new Dictionary<string, (long Rx, long Tx)>
        {
            ["eth0"] = (1_000, 2_000),
            ["wlan0"] = (5_000, 5_000),
            ["gone"] = (9, 9),
        };
        var current = new Dictionary<string, (long Rx, long Tx)>
        {
            ["eth0"] = (1_600, 2_100),
            ["wlan0"] = (10, 20), // recreated: counters started again
            ["vpn0"] = (777, 777), // new: counts from its next reading
        };

        Assert.Equal((600L, 100L), InterfaceTraffic.Growth(previous, current));
    }

    [Fact]
    public void CounterPairs_Growth_ADiskUnpluggedIsDropped_NotAResetOfTheTotal()
    {
        // Keyed by IOKit registry entry id, as the macOS probe keys IOBlockStorageDriver statistics.
        var previous = new Dictionary<ulong, (long, long)> { [0x1000_0311] = (4_096, 8_192), [0x1000_0422] = (1L << 40, 1L << 40) };
        var current = new Dictionary<ulong, (long, long)> { [0x1000_0311] = (4_096 + 65_536, 8_192 + 512) };

        Assert.Equal((65_536L, 512L), CounterPairs.Growth<ulong>(previous, current));
    }

    [Fact]
    public void LoadDecay_StartsAtZero_AndAfterOnePeriodHoldsOneMinusOneOverE()
    {
        var load = new LoadDecay();
        for (int i = 0; i < 60; i++)
        {
            load.Add(4, TimeSpan.FromSeconds(1));
        }

        Assert.Equal(4 * (1 - Math.Exp(-1)), load.One, 9);
        Assert.Equal(4 * (1 - Math.Exp(-60.0 / 300)), load.Five, 9);
        Assert.Equal(4 * (1 - Math.Exp(-60.0 / 900)), load.Fifteen, 9);
    }

    [Fact]
    public void LoadDecay_IsTheSameCurveWhateverTheSamplingStep()
    {
        var everySecond = new LoadDecay();
        var everyFiveSeconds = new LoadDecay();
        for (int i = 0; i < 300; i++)
        {
            everySecond.Add(i < 150 ? 3 : 1, TimeSpan.FromSeconds(1));
        }

        for (int i = 0; i < 60; i++)
        {
            everyFiveSeconds.Add(i < 30 ? 3 : 1, TimeSpan.FromSeconds(5));
        }

        Assert.Equal(everySecond.One, everyFiveSeconds.One, 9);
        Assert.Equal(everySecond.Fifteen, everyFiveSeconds.Fifteen, 9);
    }

    [Fact]
    public void LoadDecay_IgnoresNoElapsedTimeAndNonFiniteReadings_AndDecaysTowardsZero()
    {
        var load = new LoadDecay();
        load.Add(2, TimeSpan.FromMinutes(10));
        double settled = load.One;

        load.Add(50, TimeSpan.Zero);
        load.Add(double.NaN, TimeSpan.FromSeconds(1));
        Assert.Equal(settled, load.One);

        load.Add(0, TimeSpan.FromMinutes(1));
        Assert.Equal(settled * Math.Exp(-1), load.One, 9);
    }
}
