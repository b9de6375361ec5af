using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

/// <summary>Tombstones made on this node enter the same relay as every other version.</summary>
public sealed partial class GossipEngine
{
    /// <summary>
    /// Merges a tombstone this node made (<see cref="Tombstone"/>) and spreads it: relayed as news from the
    /// next round on, so each receiver, to whom it is new, relays it in turn. With
    /// <paramref name="toEveryLivePeer"/> it also goes straight to every live peer, past the budget, as a
    /// leave does: an operator's forget is, like a leave, a version nothing later of its generation
    /// covers, so it must not rest on the relay's reach alone. A tombstone about this node itself is
    /// refused (the caller must not make one; receivers ignore them anyway).
    /// </summary>
    /// <returns>
    /// What the merge did here. Unless this node now holds something newer, the tombstone is sent to every
    /// live peer even when it was held already, so an operator who repeats a forget repairs peers that missed it.
    /// </returns>
    public MergeOutcome Spread(byte[] tombstone, bool toEveryLivePeer)
    {
        ArgumentNullException.ThrowIfNull(tombstone);
        if (!RecordCodec.TryReadHeader(tombstone, out var header, out _) || !header.Forgotten || header.Id == _selfId)
        {
            throw new ArgumentException("not a tombstone of another node", nameof(tombstone));
        }

        var outcome = _cluster.Merge(tombstone);
        if (_cluster.Current(header.Id) is not { } held || held.Header != header)
        {
            return outcome; // something newer arrived meanwhile (a restart): nothing to bury
        }

        lock (_lock)
        {
            if (outcome != MergeOutcome.Ignored)
            {
                _queue.Add(held);
            }

            if (!toEveryLivePeer)
            {
                return outcome;
            }

            Refill(_time.GetTimestamp());
            foreach (var entry in _cluster.Entries())
            {
                if (entry is { GossipEndPoint: { } endPoint } && entry.Id != _selfId && NodeHealthJudge.IsLive(NodeHealthJudge.Judge(entry, _time)))
                {
                    SendRecords(endPoint, [tombstone], overBudget: true);
                }
            }
        }

        return outcome;
    }
}
