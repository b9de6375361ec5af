namespace Psstd.Gossip.Cluster;

/// <summary>
/// The failure detector's question, "who has been silent too long?", asked every round. Scanning every
/// entry each round costs N per round per node (at 10,000 nodes, most of the work); instead each slot
/// waits in a queue ordered by when it could first fall silent, and only slots that come due are looked at.
/// </summary>
public sealed partial class ClusterState
{
    private readonly PriorityQueue<int, long> _dueQueue = new(); // node numbers by due time
    private readonly List<int> _silent = []; // numbers of nodes found silent, oldest silence first; revived ones leave at the next scan
    private double _silentAfter = double.NaN;

    /// <summary>
    /// Fills <paramref name="into"/> (cleared first) with up to <paramref name="limit"/> nodes worth probing:
    /// not heard from for <paramref name="intervals"/> of their own intervals, not suspected already, and
    /// live (not offline, left or forgotten), with an IP address to probe, longest silent first. Runs every
    /// gossip round, so it looks only at the slots that came due since the last call and at the silent list
    /// up to the limit; it drops from the list nodes that news revived and sets aside silent nodes that are
    /// suspected or no longer live until news of them arrives (a large cluster can hold thousands).
    /// </summary>
    internal void CollectSilent(long now, double intervals, List<SilentNode> into, int limit)
    {
        ArgumentNullException.ThrowIfNull(into);
        into.Clear();
        lock (_lock)
        {
            if (!intervals.Equals(_silentAfter))
            {
                _silentAfter = intervals;
                _dueQueue.Clear();
                foreach (var number in _silent)
                {
                    _slots[number].Listed = false;
                }

                _silent.Clear();
                foreach (var number in _order)
                {
                    Enqueue(number, ref _slots[number]);
                }
            }

            while (_dueQueue.TryPeek(out var number, out var due) && due <= now)
            {
                _dueQueue.Dequeue();
                ref var slot = ref _slots[number];
                if (due != slot.Due || slot.Version is null)
                {
                    continue; // superseded by an earlier due time queued for the same slot
                }

                if (IsSilent(in slot, now))
                {
                    slot.Due = long.MaxValue;
                    if (!slot.Listed)
                    {
                        slot.Listed = true;
                        _silent.Add(number);
                    }
                }
                else
                {
                    slot.Due = Math.Max(DueOf(in slot), now + 1);
                    _dueQueue.Enqueue(number, slot.Due);
                }
            }

            // One pass up to the limit, keeping in place what stays silent and dropping the rest.
            var kept = 0;
            var read = 0;
            for (; read < _silent.Count && into.Count < limit; read++)
            {
                var number = _silent[read];
                ref var slot = ref _slots[number];
                if (slot.Version is null)
                {
                    continue; // removed since it was listed
                }

                var health = Health(in slot, now);
                if (slot.Due != long.MaxValue || slot.Suspected || !NodeHealthJudge.IsLive(health) || slot.Version!.Address.EndPoint is null)
                {
                    slot.Listed = false; // revived (queued again), or set aside: its Due stays long.MaxValue and Revive brings it back with the next news
                    continue;
                }

                into.Add(new SilentNode(slot.Version!, health));
                _silent[kept++] = number;
            }

            _silent.RemoveRange(kept, read - kept);
        }
    }

    private void Join(int number, ref ClusterSlot slot)
    {
        _order.Add(number);
        if (!double.IsNaN(_silentAfter))
        {
            Enqueue(number, ref slot);
        }
    }

    /// <summary>New evidence the node lives (a newer record or an answered probe): it leaves the silent set.</summary>
    private void Revive(int number, ref ClusterSlot slot, long now)
    {
        slot.Alive = now;
        if (double.IsNaN(_silentAfter))
        {
            return;
        }

        if (slot.Due == long.MaxValue)
        {
            Enqueue(number, ref slot); // it leaves the silent list at the next scan (its Due is no longer long.MaxValue)
        }
        else if (DueOf(in slot) < slot.Due)
        {
            Enqueue(number, ref slot); // a shorter interval: the queued time is too late; the old one is skipped when it comes up
        }

        // Otherwise the queued time is earlier than the slot's real due time: looked at then, and queued again.
    }

    private void Enqueue(int number, ref ClusterSlot slot)
    {
        slot.Due = DueOf(in slot);
        _dueQueue.Enqueue(number, slot.Due);
    }

    /// <summary>The exact rule, on this agent's clock.</summary>
    private bool IsSilent(in ClusterSlot slot, long now) => _time.GetElapsedTime(slot.Alive, now) >= _limits.Interval(slot.Version!.Header) * _silentAfter;

    /// <summary>A timestamp at or before the one from which <see cref="IsSilent"/> holds (rounded down; the exact rule decides).</summary>
    private long DueOf(in ClusterSlot slot) =>
        slot.Alive + (long)Math.Floor((_limits.Interval(slot.Version!.Header) * _silentAfter).TotalSeconds * _time.TimestampFrequency) - 1;
}
