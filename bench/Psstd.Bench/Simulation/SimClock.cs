namespace Psstd.Bench.Simulation;

/// <summary>The simulation's one clock: it moves only when the event loop moves it.</summary>
public sealed class SimClock : TimeProvider
{
    private static readonly DateTimeOffset Epoch = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public long Ticks { get; private set; }

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Ticks;

    public override DateTimeOffset GetUtcNow() => Epoch.AddTicks(Ticks);

    public void MoveTo(long ticks)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ticks, Ticks);
        Ticks = ticks;
    }
}
