using System.Net;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

/// <summary>
/// Epidemic dissemination: every version new to this node (its own included) is queued once and sent in
/// the next round, one datagram at a time, each to its own <see cref="GossipOptions.Fanout"/> random live
/// peers. Per datagram rather than the whole round's news to the same few peers: each peer then receives
/// small shares from many senders, and no node's inbound grows far past the mean (see docs/gossip.md).
/// </summary>
internal sealed class Relay(EngineContext context, Outbox outbox, PeerPicker peers)
{
    private readonly RelayQueue _queue = new();
    private readonly byte[] _payload = new byte[PacketCodec.MaxDatagramBytes];
    private long _lastSelfSequence = -1;
    private long _lastSelfGeneration = -1;

    public int Waiting => _queue.Count;

    /// <summary>Queues a version that is new to this node.</summary>
    public void Add(RecordVersion version) => _queue.Add(version);

    /// <summary>Queues this node's own current record when it is a version not queued yet.</summary>
    public (RecordVersion? Self, bool IsNew) QueueOwnRecord()
    {
        var self = context.Cluster.Current(context.SelfId);
        if (self is null || (self.Header.Generation == _lastSelfGeneration && self.Header.Sequence == _lastSelfSequence))
        {
            return (self, false);
        }

        _lastSelfGeneration = self.Header.Generation;
        _lastSelfSequence = self.Header.Sequence;
        _queue.Add(self);
        return (self, true);
    }

    /// <summary>
    /// Sends what is waiting. A datagram for which no live peer was drawn waits a round; past the budget,
    /// what nobody got waits for the next round, where newer versions replace it. Returns the peers that
    /// got the datagram holding <paramref name="self"/>.
    /// </summary>
    public List<IPEndPoint> SendNews(RecordVersion? self)
    {
        var versions = EngineScratch.News;
        var encoded = EngineScratch.NewsBytes;
        _queue.Drain(context.Cluster, versions, encoded);
        List<IPEndPoint> selfTargets = [];
        var batches = new RecordBatches(encoded, _payload.AsSpan(0, outbox.DatagramCapacity));
        while (batches.MoveNext())
        {
            var fanout = context.Options.Fanout;
            var targets = peers.Pick((int)fanout + (context.Random.NextDouble() < fanout % 1 ? 1 : 0));
            if (targets.Count == 0)
            {
                Requeue(versions, batches.First, batches.End);
                continue;
            }

            var sent = false;
            foreach (var target in targets)
            {
                sent |= outbox.Send(target, MessageKind.Records, batches.Payload, overBudget: false);
            }

            if (!sent)
            {
                context.Counters.RoundOverBudget();
                Requeue(versions, batches.First, versions.Count);
                break;
            }

            if (self is not null && selfTargets.Count == 0 && versions.IndexOf(self, batches.First, batches.End - batches.First) >= 0)
            {
                selfTargets = targets;
            }
        }

        versions.Clear();
        encoded.Clear();
        return selfTargets;
    }

    private void Requeue(List<RecordVersion> versions, int from, int to)
    {
        for (var i = from; i < to; i++)
        {
            _queue.Add(versions[i]);
        }
    }
}
