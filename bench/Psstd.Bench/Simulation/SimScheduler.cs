namespace Psstd.Bench.Simulation;

/// <summary>Discrete events in time order (ties in the order they were scheduled), on the simulation clock.</summary>
public sealed class SimScheduler(SimClock clock)
{
    private readonly PriorityQueue<Action, (long Time, long Order)> _queue = new();
    private long _order;

    public long Now => clock.Ticks;

    public void At(long ticks, Action action) => _queue.Enqueue(action, (Math.Max(ticks, clock.Ticks), _order++));

    /// <summary>Runs every event due up to <paramref name="until"/>, moving the clock with them.</summary>
    public void RunUntil(long until)
    {
        while (_queue.TryPeek(out _, out var due) && due.Time <= until)
        {
            var action = _queue.Dequeue();
            clock.MoveTo(due.Time);
            action();
        }

        clock.MoveTo(until);
    }
}
