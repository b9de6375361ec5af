namespace Psstd.Tests.Support;

public sealed class ManualTimeProviderTests
{
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    [Fact]
    public void GetUtcNow_StartsAtTheGivenInstantAndMovesOnlyOnAdvance()
    {
        var start = new DateTimeOffset(2030, 6, 1, 12, 0, 0, TimeSpan.FromHours(2));
        var clock = new ManualTimeProvider(start);

        Assert.Equal(start, clock.GetUtcNow());
        Assert.Equal(TimeSpan.Zero, clock.GetUtcNow().Offset);
        clock.Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(start.AddMinutes(3), clock.GetUtcNow());
    }

    [Fact]
    public void GetElapsedTime_MatchesAdvancedTimeExactly()
    {
        var clock = new ManualTimeProvider();
        long before = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromTicks(12_345_678));

        Assert.Equal(TimeSpan.TicksPerSecond, clock.TimestampFrequency);
        Assert.Equal(TimeSpan.FromTicks(12_345_678), clock.GetElapsedTime(before));
    }

    [Fact]
    public void Advance_Negative_Throws()
    {
        var clock = new ManualTimeProvider();

        Assert.Throws<ArgumentOutOfRangeException>(() => clock.Advance(TimeSpan.FromTicks(-1)));
    }

    [Fact]
    public void PeriodicTimer_AdvanceOfNPeriods_FiresExactlyNTimes()
    {
        var clock = new ManualTimeProvider();
        int fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, Second, Second);

        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(10, fired);

        clock.Advance(TimeSpan.FromMilliseconds(999));
        Assert.Equal(10, fired);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(11, fired);
    }

    [Fact]
    public void Callback_SeesItsOwnDueTime()
    {
        var clock = new ManualTimeProvider();
        var seen = new List<DateTimeOffset>();
        using var timer = clock.CreateTimer(_ => seen.Add(clock.GetUtcNow()), null, Second, TimeSpan.FromSeconds(2));

        clock.Advance(TimeSpan.FromSeconds(6));

        var start = ManualTimeProvider.DefaultStart;
        Assert.Equal([start.AddSeconds(1), start.AddSeconds(3), start.AddSeconds(5)], seen);
        Assert.Equal(start.AddSeconds(6), clock.GetUtcNow());
    }

    [Fact]
    public void Timers_FireInDueTimeOrder_TiesInArmingOrder()
    {
        var clock = new ManualTimeProvider();
        var order = new List<string>();
        using var c = clock.CreateTimer(_ => order.Add("c"), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);
        using var a = clock.CreateTimer(_ => order.Add("a"), null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var b1 = clock.CreateTimer(_ => order.Add("b1"), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        using var b2 = clock.CreateTimer(_ => order.Add("b2"), null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(["a", "b1", "b2", "c"], order);
    }

    [Fact]
    public void OneShotTimer_FiresOnce()
    {
        var clock = new ManualTimeProvider();
        int fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, Second, Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(1, fired);
        Assert.Equal(0, clock.ScheduledTimerCount);
    }

    [Fact]
    public void ZeroDueTime_FiresOnNextAdvanceNotDuringCreate()
    {
        var clock = new ManualTimeProvider();
        int fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.Zero, Timeout.InfiniteTimeSpan);

        Assert.Equal(0, fired);
        clock.Advance(TimeSpan.Zero);
        Assert.Equal(1, fired);
    }

    [Fact]
    public void DisposedTimer_NeverFires()
    {
        var clock = new ManualTimeProvider();
        int fired = 0;
        var timer = clock.CreateTimer(_ => fired++, null, Second, Second);

        timer.Dispose();
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(0, fired);
        Assert.False(timer.Change(Second, Second));
        Assert.Equal(0, clock.ScheduledTimerCount);
    }

    [Fact]
    public void TimerDisposedByAnEarlierCallback_DoesNotFire()
    {
        var clock = new ManualTimeProvider();
        int fired = 0;
        var victim = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(2), Timeout.InfiniteTimeSpan);
        using var killer = clock.CreateTimer(_ => victim.Dispose(), null, Second, Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(5));

        Assert.Equal(0, fired);
    }

    [Fact]
    public void Change_ReschedulesFromNow()
    {
        var clock = new ManualTimeProvider();
        int fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, TimeSpan.FromSeconds(5), Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromSeconds(4));

        Assert.True(timer.Change(TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(0, fired);
        clock.Advance(Second);
        Assert.Equal(1, fired);
    }

    [Fact]
    public void Change_InfiniteDueTime_Stops()
    {
        var clock = new ManualTimeProvider();
        int fired = 0;
        using var timer = clock.CreateTimer(_ => fired++, null, Second, Second);
        clock.Advance(TimeSpan.FromSeconds(2));

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        clock.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(2, fired);
    }

    [Fact]
    public void Change_NegativeDueTime_Throws()
    {
        var clock = new ManualTimeProvider();
        using var timer = clock.CreateTimer(_ => { }, null, Second, Second);

        Assert.Throws<ArgumentOutOfRangeException>(() => timer.Change(TimeSpan.FromSeconds(-2), Second));
    }

    [Fact]
    public void Callback_ArmingAnotherTimerWithinTheWindow_SeesItFire()
    {
        var clock = new ManualTimeProvider();
        var order = new List<string>();
        ITimer? inner = null;
        using var outer = clock.CreateTimer(
            _ => inner = clock.CreateTimer(_ => order.Add("inner"), null, Second, Timeout.InfiniteTimeSpan),
            null,
            Second,
            Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(["inner"], order);
        inner?.Dispose();
    }

    [Fact]
    public void Callback_RunsOutsideTheLock()
    {
        // A callback that waits on another thread which uses the clock would deadlock if the clock's
        // lock were held during callbacks.
        var clock = new ManualTimeProvider();
        DateTimeOffset seenByOtherThread = default;
        using var timer = clock.CreateTimer(
            _ => seenByOtherThread = Task.Run(clock.GetUtcNow).Wait(TimeSpan.FromSeconds(10)) ? clock.GetUtcNow() : default,
            null,
            Second,
            Timeout.InfiniteTimeSpan);

        clock.Advance(Second);

        Assert.Equal(ManualTimeProvider.DefaultStart.AddSeconds(1), seenByOtherThread);
    }

    [Fact]
    public async Task PeriodicTimer_WaitForNextTick_CompletesAfterAdvance()
    {
        var clock = new ManualTimeProvider();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5), clock);

        var tick = timer.WaitForNextTickAsync();
        Assert.False(tick.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(4));
        Assert.False(tick.IsCompleted);
        clock.Advance(Second);

        Assert.True(tick.IsCompleted);
        Assert.True(await tick);
    }

    [Fact]
    public async Task PeriodicTimer_DrivenLoop_TicksOncePerPeriod()
    {
        var clock = new ManualTimeProvider();
        using var timer = new PeriodicTimer(Second, clock);
        int ticks = 0;

        for (int i = 0; i < 3; i++)
        {
            var tick = timer.WaitForNextTickAsync();
            clock.Advance(Second);
            Assert.True(await tick.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
            ticks++;
        }

        Assert.Equal(3, ticks);
    }

    [Fact]
    public async Task PeriodicTimer_Disposed_EndsTheWaitWithFalse()
    {
        var clock = new ManualTimeProvider();
        var timer = new PeriodicTimer(Second, clock);
        var tick = timer.WaitForNextTickAsync();

        timer.Dispose();

        Assert.False(await tick.AsTask().WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(0, clock.ScheduledTimerCount);
    }

    [Fact]
    public async Task TaskDelay_CompletesOnlyWhenTheClockReachesIt()
    {
        var clock = new ManualTimeProvider();

        var delay = Task.Delay(TimeSpan.FromSeconds(3), clock, CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(delay.IsCompleted);
        clock.Advance(Second);

        await delay.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(delay.IsCompletedSuccessfully);
    }

    [Fact]
    public void Advance_FromManyThreads_AddsUpAndFiresEveryPeriodOnce()
    {
        const int threadCount = 8;
        const int advancesPerThread = 1000;
        var clock = new ManualTimeProvider();
        int fired = 0;
        using var timer = clock.CreateTimer(_ => Interlocked.Increment(ref fired), null, Second, Second);
        using var start = new Barrier(threadCount);

        // Dedicated threads: pool threads blocked on the barrier would wait for the pool to grow.
        var threads = Enumerable.Range(0, threadCount).Select(_ => new Thread(() =>
        {
            start.SignalAndWait(TimeSpan.FromSeconds(10));
            for (int i = 0; i < advancesPerThread; i++)
            {
                clock.Advance(Second);
            }
        })).ToList();
        threads.ForEach(t => t.Start());

        Assert.All(threads, t => Assert.True(t.Join(TimeSpan.FromSeconds(30))));
        Assert.Equal(threadCount * advancesPerThread, fired);
        Assert.Equal(ManualTimeProvider.DefaultStart.AddSeconds(threadCount * advancesPerThread), clock.GetUtcNow());
    }
}
