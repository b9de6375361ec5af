namespace Psstd.Tests.Support;

/// <summary>A timer of <see cref="ManualTimeProvider"/>; it fires only when that clock is advanced.</summary>
/// <remarks>
/// The schedule fields are read and written only under the provider's lock, and only while the timer
/// is out of the provider's sorted set, since they are the set's sort key.
/// </remarks>
internal sealed class ManualTimer : ITimer
{
    /// <summary>Earliest due first; among equal due times, the one armed first.</summary>
    public static readonly IComparer<ManualTimer> DueOrder = Comparer<ManualTimer>.Create(static (a, b) =>
    {
        int byDue = a.DueUtc.CompareTo(b.DueUtc);
        return byDue != 0 ? byDue : a.ArmSequence.CompareTo(b.ArmSequence);
    });

    private readonly ManualTimeProvider _clock;
    private readonly TimerCallback _callback;
    private readonly object? _state;
    private int _disposed;

    public ManualTimer(ManualTimeProvider clock, TimerCallback callback, object? state)
    {
        _clock = clock;
        _callback = callback;
        _state = state;
    }

    public DateTimeOffset DueUtc { get; private set; }

    /// <summary>Zero for a one-shot timer.</summary>
    public TimeSpan Period { get; set; }

    public long ArmSequence { get; private set; }

    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    public void Arm(DateTimeOffset dueUtc, long armSequence)
    {
        DueUtc = dueUtc;
        ArmSequence = armSequence;
    }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        // The same contract as System.Threading.Timer: -1 ms means "never", anything else must be >= 0.
        if (dueTime < TimeSpan.Zero && dueTime != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), dueTime, "Must be non-negative or Timeout.InfiniteTimeSpan.");
        }

        if (period < TimeSpan.Zero && period != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "Must be non-negative or Timeout.InfiniteTimeSpan.");
        }

        if (IsDisposed)
        {
            return false;
        }

        _clock.Schedule(this, dueTime, period);
        return true;
    }

    public void Fire()
    {
        if (!IsDisposed)
        {
            _callback(_state);
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _clock.Unschedule(this);
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
