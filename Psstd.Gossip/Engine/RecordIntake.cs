using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

/// <summary>
/// Takes a batch of records into the cluster state: what is new is counted and, when it came as news,
/// queued for the relay; what came by repair is merged only. Records about this node itself are never taken.
/// </summary>
internal sealed class RecordIntake(EngineContext context, Relay relay, AntiEntropy antiEntropy)
{
    /// <param name="asNews">True for records relayed as news (relayed on); false for repairs (anti-entropy, acks).</param>
    /// <returns>False when the batch is malformed (what came before the fault is kept).</returns>
    public bool Merge(ReadOnlySpan<byte> payload, bool asNews)
    {
        var reader = new RecordBatchReader(payload);
        while (reader.TryNext(out var bytes))
        {
            if (!RecordCodec.TryReadHeader(bytes, out var header, out var gossipAddress))
            {
                return false;
            }

            var merged = header.Id == context.SelfId ? new MergeResult(MergeOutcome.Ignored) : context.Cluster.Merge(header, gossipAddress, bytes);
            switch (merged.Outcome)
            {
                case MergeOutcome.Rejected:
                    return false;
                case MergeOutcome.Ignored:
                    context.Counters.RecordDuplicate();
                    continue;
            }

            context.Counters.RecordNew();
            if (!asNews && merged.Outcome == MergeOutcome.Joined)
            {
                antiEntropy.RepairJoined();
            }

            if (asNews)
            {
                antiEntropy.NoteReturn(merged);
                relay.Add(merged.Version!);
            }
        }

        return !reader.Failed;
    }
}
