using System.Collections.Concurrent;
using Psstd.Contracts;

namespace Psstd.Agent.Events;

/// <summary>
/// Events raised outside the store writer's loop (alerts firing and resolving), waiting for its next batch.
/// Any thread may add; the writer alone takes. Bounded, so a writer that cannot commit does not grow it forever:
/// past <see cref="Capacity"/> the oldest waiting events are dropped and counted.
/// </summary>
internal sealed class EventJournal
{
    public const int Capacity = 4096;

    private readonly ConcurrentQueue<ClusterEvent> _waiting = new();
    private long _dropped;

    /// <summary>Events dropped because the writer fell <see cref="Capacity"/> behind.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Add(ClusterEvent clusterEvent)
    {
        ArgumentNullException.ThrowIfNull(clusterEvent);
        _waiting.Enqueue(clusterEvent);
        while (_waiting.Count > Capacity && _waiting.TryDequeue(out _))
        {
            Interlocked.Increment(ref _dropped);
        }
    }

    /// <summary>Moves every waiting event to <paramref name="destination"/>, oldest first.</summary>
    public void DrainTo(List<ClusterEvent> destination)
    {
        ArgumentNullException.ThrowIfNull(destination);
        while (_waiting.TryDequeue(out var next))
        {
            destination.Add(next);
        }
    }
}
