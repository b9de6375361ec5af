using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

/// <summary>
/// Takes a batch of records into the cluster state: what is new is counted and, when it came as news,
/// queued for the relay; what came by repair is merged only. A version that is no ordinary step from the one
/// held goes to the <see cref="ClaimChecks"/> instead; a node beyond the state's cap is refused (counted). A
/// record about this node itself is never taken: one that outranks what it publishes is a claim on its
/// identity, reported so that the node outranks it in turn (<see cref="GossipEngine.IdentityClaimed"/>).
/// </summary>
internal sealed class RecordIntake(EngineContext context, Relay relay, AntiEntropy antiEntropy, ClaimChecks claims, Action<long, long> claimed)
{
    /// <param name="asNews">True for records relayed as news (relayed on); false for repairs (anti-entropy, acks).</param>
    /// <param name="vouchedBy">The node whose own word this batch is (an ack from the address it was probed at): its record skips the step check.</param>
    /// <returns>False when the batch is malformed (what came before the fault is kept).</returns>
    public bool Merge(ReadOnlySpan<byte> payload, bool asNews, Guid? vouchedBy = null)
    {
        var reader = new RecordBatchReader(payload);
        while (reader.TryNext(out var bytes))
        {
            if (!RecordCodec.TryReadHeader(bytes, out var header, out var gossipAddress))
            {
                return false;
            }

            if (header.Id == context.SelfId)
            {
                ClaimOnSelf(header.Generation, header.Sequence);
                context.Counters.RecordDuplicate();
                continue;
            }

            var merged = context.Cluster.Merge(header, gossipAddress, bytes, confirmSteps: header.Id != vouchedBy);
            switch (merged.Outcome)
            {
                case MergeOutcome.Rejected:
                    return false;
                case MergeOutcome.Ignored:
                    context.Counters.RecordDuplicate();
                    continue;
                case MergeOutcome.Unconfirmed:
                    claims.Check(header, bytes, gossipAddress);
                    continue;
                case MergeOutcome.Refused:
                    context.Counters.RecordRefused();
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

    /// <summary>A version of this node named by a peer: one newer than what it publishes is reported.</summary>
    public void ClaimOnSelf(long generation, long sequence)
    {
        if (context.Cluster.Current(context.SelfId)?.Header is { } own
            && (generation > own.Generation || (generation == own.Generation && sequence > own.Sequence)))
        {
            claimed(generation, sequence);
        }
    }
}
