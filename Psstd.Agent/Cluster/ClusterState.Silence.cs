namespace Psstd.Agent.Cluster;

/// <summary>
/// The failure detector's question, "who has been silent too long?", asked every round. Scanning every
/// entry each round costs N per round per node (at 10,000 nodes, most of the work); instead each slot
/// waits in a queue ordered by when it could first fall silent, and only slots that come due are looked at.
/// </summary>
public sealed partial class ClusterState
{
    private readonly PriorityQueue<Slot, long> _dueQueue = new();
    private readonly SortedSet<int> _silent = []; // join indexes of the slots silent now
    private double _silentAfter = double.NaN;

    /// <summary>
    /// Fills <paramref name="into"/> (cleared first) with the entries not heard from for
    /// <paramref name="intervals"/> of their own intervals, in join order. Runs every gossip round, so it
    /// looks only at the slots that came due since the last call and copies only the silent ones.
    /// </summary>
    public void CollectSilent(long now, double intervals, List<ClusterEntry> into)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        lock (_lock)
        {
            if (!intervals.Equals(_silentAfter))
            {
                _silentAfter = intervals;
                _dueQueue.Clear();
                _silent.Clear();
                foreach (var slot in _order)
                {
                    Enqueue(slot);
                }
            }

            while (_dueQueue.TryPeek(out var slot, out var due) && due <= now)
            {
                _dueQueue.Dequeue();
                if (due != slot.Due)
                {
                    continue; // superseded by an earlier due time queued for the same slot
                }

                if (IsSilent(slot, now))
                {
                    slot.Due = long.MaxValue;
                    _silent.Add(slot.JoinIndex);
                }
                else
                {
                    slot.Due = Math.Max(DueOf(slot), now + 1);
                    _dueQueue.Enqueue(slot, slot.Due);
                }
            }

            foreach (var index in _silent)
            {
                into.Add(_order[index].View());
            }
        }
    }

    private void Join(Slot slot)
    {
        _entries[slot.Header.Id] = slot;
        _order.Add(slot);
        if (!double.IsNaN(_silentAfter))
        {
            Enqueue(slot);
        }
    }

    /// <summary>New evidence the node lives (a newer record or an answered probe): it leaves the silent set.</summary>
    private void Revive(Slot slot, long now)
    {
        slot.Alive = now;
        if (double.IsNaN(_silentAfter))
        {
            return;
        }

        if (slot.Due == long.MaxValue)
        {
            _silent.Remove(slot.JoinIndex);
            Enqueue(slot);
        }
        else if (DueOf(slot) < slot.Due)
        {
            Enqueue(slot); // a shorter interval: the queued time is too late; the old one is skipped when it comes up
        }

        // Otherwise the queued time is earlier than the slot's real due time: looked at then, and queued again.
    }

    private void Enqueue(Slot slot)
    {
        slot.Due = DueOf(slot);
        _dueQueue.Enqueue(slot, slot.Due);
    }

    /// <summary>The exact rule, on this agent's clock.</summary>
    private bool IsSilent(Slot slot, long now) => time.GetElapsedTime(slot.Alive, now) >= slot.Header.Interval * _silentAfter;

    /// <summary>A timestamp at or before the one from which <see cref="IsSilent"/> holds (rounded down; the exact rule decides).</summary>
    private long DueOf(Slot slot) =>
        slot.Alive + (long)Math.Floor((slot.Header.Interval * _silentAfter).TotalSeconds * time.TimestampFrequency) - 1;
}
