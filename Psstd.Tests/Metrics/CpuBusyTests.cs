using Psstd.Agent.Metrics.Linux;

namespace Psstd.Tests.Metrics;

public sealed class CpuBusyTests
{
    [Fact]
    public void PerCore_128CorePair_GivesExactPercentForEveryCore()
    {
        var first = ProcStatParser.Parse(ProcFixtures.Read("handmade/stat-128-first"));
        var second = ProcStatParser.Parse(ProcFixtures.Read("handmade/stat-128-second"));

        var busy = CpuBusy.PerCore(first, second);

        // The fixture's rule (see Fixtures/proc/README.md): core i is i % 101 busy out of 100 jiffies,
        // and cpu127 did not move at all.
        Assert.Equal(128, busy.Length);
        for (int i = 0; i < 127; i++)
        {
            Assert.Equal(i % 101, busy[i]);
        }

        Assert.Equal(0, busy[127]);
        Assert.Equal(100, busy[100]);
        Assert.Equal(0, busy[101]);
        Assert.Equal(25, busy[126]);
    }

    [Fact]
    public void Percent_128CorePairAggregate_IsBusyShareOfAllJiffies()
    {
        var first = ProcStatParser.Parse(ProcFixtures.Read("handmade/stat-128-first"));
        var second = ProcStatParser.Parse(ProcFixtures.Read("handmade/stat-128-second"));

        double busy = CpuBusy.Percent(first.Aggregate, second.Aggregate);

        Assert.Equal(100.0 * 5375 / 12700, busy, 12);
    }

    [Fact]
    public void BusyPercent_IdleCoreBetweenReadings_IsZero()
    {
        var before = new CpuTimes(100, 0, 50, 1000, 10, 0, 0, 0);
        var after = before with { Idle = 1200 };

        Assert.Equal(0, CpuBusy.Percent(before, after));
    }

    [Fact]
    public void BusyPercent_IoWaitOnly_IsZero()
    {
        var before = new CpuTimes(100, 0, 50, 1000, 10, 0, 0, 0);
        var after = before with { IoWait = 110 };

        Assert.Equal(0, CpuBusy.Percent(before, after));
    }

    [Fact]
    public void BusyPercent_EveryBusyColumnCounts()
    {
        var before = new CpuTimes(0, 0, 0, 0, 0, 0, 0, 0);
        var after = new CpuTimes(10, 10, 10, 30, 10, 10, 10, 10);

        Assert.Equal(60, CpuBusy.Percent(before, after));
    }

    [Fact]
    public void BusyPercent_ZeroDelta_IsZero()
    {
        var times = new CpuTimes(100, 0, 50, 1000, 10, 0, 0, 0);

        Assert.Equal(0, CpuBusy.Percent(times, times));
    }

    [Fact]
    public void BusyPercent_CountersWentBackwards_IsZero()
    {
        var before = new CpuTimes(500, 0, 500, 5000, 10, 0, 0, 0);
        var after = new CpuTimes(100, 0, 50, 1000, 10, 0, 0, 0);

        Assert.Equal(0, CpuBusy.Percent(before, after));
    }

    [Fact]
    public void BusyPercent_IoWaitStepsBack_IsClampedTo100()
    {
        var before = new CpuTimes(100, 0, 0, 1000, 50, 0, 0, 0);
        var after = new CpuTimes(200, 0, 0, 1000, 10, 0, 0, 0);

        Assert.Equal(100, CpuBusy.Percent(before, after));
    }

    [Fact]
    public void PerCore_CoreUnpluggedBetweenReadings_MatchesRemainingCoresByIndex()
    {
        var before = ProcStatParser.Parse("cpu0 0 0 0 100\ncpu1 0 0 0 100\ncpu2 0 0 0 100\ncpu3 0 0 0 100\n");
        var after = ProcStatParser.Parse("cpu0 50 0 0 150\ncpu1 100 0 0 100\ncpu3 25 0 0 175\n");

        var busy = CpuBusy.PerCore(before, after);

        Assert.Equal([50.0, 100.0, 25.0], busy);
    }

    [Fact]
    public void PerCore_CorePluggedInBetweenReadings_ReadsZeroForIt()
    {
        var before = ProcStatParser.Parse("cpu0 0 0 0 100\n");
        var after = ProcStatParser.Parse("cpu0 100 0 0 100\ncpu1 900 0 0 100\n");

        var busy = CpuBusy.PerCore(before, after);

        Assert.Equal([100.0, 0.0], busy);
    }

    [Fact]
    public void PerCore_EmptyPreviousReading_ReadsZeroForEveryCore()
    {
        var after = ProcStatParser.Parse("cpu0 100 0 0 100\ncpu1 100 0 0 100\n");

        Assert.Equal([0.0, 0.0], CpuBusy.PerCore(CpuStatReading.Empty, after));
    }

    [Fact]
    public void Shares_SplitTheIntervalIntoUserKernelIoWaitAndSteal()
    {
        // user, nice, system, idle, iowait, irq, softirq, steal: 200 jiffies go by.
        var before = new CpuTimes(100, 0, 50, 1000, 10, 0, 0, 0);
        var after = new CpuTimes(140, 10, 70, 1080, 40, 5, 5, 10);

        var shares = CpuBusy.Shares(before, after);

        Assert.NotNull(shares);
        Assert.Equal(25, shares.User); // (40 + 10) / 200
        Assert.Equal(15, shares.Kernel); // (20 + 5 + 5) / 200
        Assert.Equal(15, shares.IoWait);
        Assert.Equal(5, shares.Steal);
        Assert.Equal(CpuBusy.Percent(before, after), shares.User + shares.Kernel + shares.Steal);
        Assert.Null(CpuBusy.Shares(after, after));
    }

    [Fact]
    public void KernelPerCore_128CorePair_IsComputedForEveryCore()
    {
        var first = ProcStatParser.Parse(ProcFixtures.Read("handmade/stat-128-first"));
        var second = ProcStatParser.Parse(ProcFixtures.Read("handmade/stat-128-second"));

        var kernel = CpuBusy.KernelPerCore(first, second);
        var busy = CpuBusy.PerCore(first, second);

        Assert.Equal(128, kernel.Length);
        Assert.All(Enumerable.Range(0, 128), i => Assert.InRange(kernel[i], 0, busy[i]));
    }
}
