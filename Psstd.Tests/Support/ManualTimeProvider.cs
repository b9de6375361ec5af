using System.Diagnostics.CodeAnalysis;

namespace Psstd.Tests.Support;

/// <summary>
/// A clock that moves only when a test says so, for code that takes a <see cref="TimeProvider"/>:
/// <c>PeriodicTimer(period, clock)</c>, <c>Task.Delay(delay, clock)</c>, <c>GetTimestamp</c>.
/// </summary>
/// <remarks>
/// <para>Timers fire synchronously inside <see cref="Advance"/>, on the caller's thread, in due-time
/// order (ties in the order they were armed). While a callback runs, <see cref="GetUtcNow"/> reads
/// its due time, so an Advance of N periods fires a periodic timer exactly N times, each at the
/// instant it would have fired for real. A callback that arms another timer inside the same Advance
/// window sees that one fire too.</para>
/// <para>A due time of zero fires on the next Advance (an Advance of <see cref="TimeSpan.Zero"/> is
/// enough), never inside <c>CreateTimer</c> or <c>Change</c>, so no callback runs before its creator
/// has finished.</para>
/// <para>Thread-safe: state is guarded by one lock and callbacks run outside it, so they may call
/// back into the clock or their timer.</para>
/// </remarks>
public sealed class ManualTimeProvider : TimeProvider
{
    /// <summary>An arbitrary fixed instant, so runs are repeatable and nothing reads the real clock.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly Lock _gate = new();
    private readonly SortedSet<ManualTimer> _scheduled = new(ManualTimer.DueOrder);
    private DateTimeOffset _utcNow;
    private DateTimeOffset _horizon;
    private long _armCount;

    public ManualTimeProvider()
        : this(DefaultStart)
    {
    }

    public ManualTimeProvider(DateTimeOffset start) => _utcNow = start.ToUniversalTime();

    /// <summary>Ticks of <see cref="TimeSpan"/>, so elapsed times convert without rounding.</summary>
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>UTC, so nothing a test checks depends on the machine's time zone.</summary>
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <summary>Timers armed and not yet fired, disposed or stopped.</summary>
    public int ScheduledTimerCount
    {
        get
        {
            lock (_gate)
            {
                return _scheduled.Count;
            }
        }
    }

    public override DateTimeOffset GetUtcNow()
    {
        lock (_gate)
        {
            return _utcNow;
        }
    }

    /// <summary>UTC ticks: monotonic because the clock only moves forward, and never 0.</summary>
    public override long GetTimestamp() => GetUtcNow().UtcTicks;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        timer.Change(dueTime, period);
        return timer;
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing every timer that falls due on the way.</summary>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_gate)
        {
            // Advances from several threads add up: each extends the horizon the previous ones set,
            // even if those are still firing their timers.
            _horizon = (_horizon > _utcNow ? _horizon : _utcNow) + delta;
            target = _horizon;
        }

        while (TryTakeDue(target, out var timer))
        {
            timer.Fire();
        }

        lock (_gate)
        {
            if (_utcNow < target)
            {
                _utcNow = target;
            }
        }
    }

    /// <summary>Takes the earliest timer due by <paramref name="target"/>, moves the clock to it and re-arms it if periodic.</summary>
    private bool TryTakeDue(DateTimeOffset target, [NotNullWhen(true)] out ManualTimer? timer)
    {
        lock (_gate)
        {
            timer = _scheduled.Min;
            if (timer is null || timer.DueUtc > target)
            {
                timer = null;
                return false;
            }

            _scheduled.Remove(timer);
            if (timer.DueUtc > _utcNow)
            {
                _utcNow = timer.DueUtc;
            }

            // Re-arm from the due time, not from now, so a periodic timer does not drift.
            if (timer.Period > TimeSpan.Zero && !timer.IsDisposed)
            {
                timer.Arm(timer.DueUtc + timer.Period, ++_armCount);
                _scheduled.Add(timer);
            }

            return true;
        }
    }

    /// <summary>Arms or disarms <paramref name="timer"/>; a due time of -1 ms disarms, a period of -1 ms or 0 makes it one-shot.</summary>
    internal void Schedule(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        lock (_gate)
        {
            _scheduled.Remove(timer);
            timer.Period = period == Timeout.InfiniteTimeSpan ? TimeSpan.Zero : period;

            // Checked under the lock: a Dispose racing this call either sees the timer armed and
            // removes it, or has already marked it and it is never armed again.
            if (dueTime != Timeout.InfiniteTimeSpan && !timer.IsDisposed)
            {
                timer.Arm(_utcNow + dueTime, ++_armCount);
                _scheduled.Add(timer);
            }
        }
    }

    internal void Unschedule(ManualTimer timer)
    {
        lock (_gate)
        {
            _scheduled.Remove(timer);
        }
    }
}
