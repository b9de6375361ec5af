using Microsoft.Extensions.Time.Testing;
using Psstd.Agent.Ticking;

namespace Psstd.Tests.Ticking;

public sealed class TickerTests
{
    [Fact]
    public async Task Ticks_OncePerPeriod_InsideTheClocksAdvance_AndEndWithTheStop()
    {
        var clock = new FakeTimeProvider();
        using var stop = new CancellationTokenSource();
        var ticks = 0;
        var run = Ticker.RunAsync(clock, TimeSpan.FromMilliseconds(200), () => ticks++, stop.Token);

        clock.Advance(TimeSpan.FromMilliseconds(199));
        Assert.Equal(0, ticks);
        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, ticks); // ran in the callback, before Advance returned: nothing to wait for
        for (var i = 0; i < 4; i++)
        {
            clock.Advance(TimeSpan.FromMilliseconds(200));
        }

        Assert.Equal(5, ticks);
        Assert.False(run.IsCompleted);

        await stop.CancelAsync();
        await run;
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(5, ticks);
    }

    [Fact]
    public async Task ATickThatThrows_EndsTheTicks_AndFaultsTheTask()
    {
        var clock = new FakeTimeProvider();
        var ticks = 0;
        var run = Ticker.RunAsync(clock, TimeSpan.FromSeconds(1), () =>
        {
            ticks++;
            throw new InvalidOperationException("broken tick");
        }, CancellationToken.None);

        clock.Advance(TimeSpan.FromSeconds(1));
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => run);
        Assert.Equal("broken tick", ex.Message);
        clock.Advance(TimeSpan.FromSeconds(3));
        Assert.Equal(1, ticks);
    }

    [Fact]
    public async Task ATickStillRunning_IsNotStartedAgain()
    {
        var clock = new FakeTimeProvider();
        using var stop = new CancellationTokenSource();
        var ticks = 0;
        var nested = 0;
        var run = Ticker.RunAsync(clock, TimeSpan.FromSeconds(1), () =>
        {
            ticks++;
            if (ticks == 1)
            {
                // The next period passes while this tick runs (a slow tick): its callback finds this one busy.
                clock.Advance(TimeSpan.FromSeconds(1));
                nested = ticks;
            }
        }, stop.Token);

        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, nested);
        Assert.Equal(1, ticks);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, ticks);

        await stop.CancelAsync();
        await run;
    }
}
