namespace Psstd.Bench.Simulation;

/// <summary>Discrete events in time order (ties in the order they were scheduled), on the simulation clock.</summary>
public sealed class SimScheduler(SimClock clock)
{
    private readonly PriorityQueue<ISimEvent, (long Time, long Order)> _queue = new();
    private long _order;

    public long Now => clock.Ticks;

    public void At(long ticks, Action action) => At(ticks, new ActionEvent(action));

    /// <summary>An event object instead of a closure: the network reuses its delivery events (millions a second).</summary>
    public void At(long ticks, ISimEvent simEvent) => _queue.Enqueue(simEvent, (Math.Max(ticks, clock.Ticks), _order++));

    /// <summary>Runs every event due up to <paramref name="until"/>, moving the clock with them.</summary>
    public void RunUntil(long until)
    {
        while (_queue.TryPeek(out _, out var due) && due.Time <= until)
        {
            var simEvent = _queue.Dequeue();
            clock.MoveTo(due.Time);
            simEvent.Run();
        }

        clock.MoveTo(until);
    }

    private sealed class ActionEvent(Action action) : ISimEvent
    {
        public void Run() => action();
    }
}

/// <summary>Something that happens at a point of simulated time.</summary>
public interface ISimEvent
{
    void Run();
}
