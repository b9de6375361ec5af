using System.Net;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

/// <summary>
/// Suspicions travel: a node whose probes went unanswered tells <see cref="GossipOptions.SuspicionFanout"/> peers
/// which version it doubts, and each peer that takes the suspicion tells as many in turn, so a dead node
/// is doubted everywhere within a few rounds of its first detection instead of each node waiting out its
/// own silence and probes (the node's last record reaches some peers late, and they would start late).
/// </summary>
/// <remarks>
/// A suspicion names a version, so it cannot outlive the node: any newer record clears it (the node's
/// next heartbeat, every interval), and a node that hears itself suspected answers the sender with its
/// record at once. A peer takes a suspicion only when it holds that version or an older one and has heard
/// nothing of the node for <see cref="SuspicionSilence"/> of its intervals; otherwise it keeps its own view.
/// </remarks>
public sealed partial class GossipEngine
{
    /// <summary>Entries in one suspicion datagram: 16-byte id and two short varints each.</summary>
    private const int MaxSuspicionsPerPacket = 48;

    private readonly List<RecordHeader> _suspicions = [];

    /// <summary>Intervals of silence after which a peer's suspicion is taken: half the wait before this node would probe.</summary>
    private double SuspicionSilence => _options.ProbeAfterIntervals / 2;

    /// <summary>Queues a suspicion this node now holds, for the next round.</summary>
    private void TellSuspicion(RecordHeader version) => _suspicions.Add(version);

    /// <summary>Once per round: sends the suspicions taken since the last one to random live peers.</summary>
    private void SpreadSuspicions()
    {
        if (_suspicions.Count == 0)
        {
            return;
        }

        var targets = PickTargets(_options.SuspicionFanout);
        for (var start = 0; start < _suspicions.Count; start += MaxSuspicionsPerPacket)
        {
            var w = new SpanWriter(_probePayload);
            var count = Math.Min(MaxSuspicionsPerPacket, _suspicions.Count - start);
            w.VarUInt((ulong)count);
            for (var i = start; i < start + count; i++)
            {
                WriteId(ref w, _suspicions[i].Id);
                w.VarLong(_suspicions[i].Generation);
                w.VarLong(_suspicions[i].Sequence);
            }

            foreach (var target in targets)
            {
                Transmit(target, MessageKind.Suspicion, _probePayload.AsSpan(0, w.Position), overBudget: true);
            }
        }

        _suspicions.Clear();
    }

    private bool TakeSuspicions(ReadOnlySpan<byte> payload, IPEndPoint from)
    {
        var r = new SpanReader(payload);
        var count = (int)r.VarLong(MaxSuspicionsPerPacket);
        Span<(Guid Id, long Generation, long Sequence)> named = stackalloc (Guid, long, long)[MaxSuspicionsPerPacket];
        for (var i = 0; i < count && !r.Failed; i++)
        {
            named[i] = (r.Guid(), r.VarLong(), r.VarLong());
        }

        if (r.Failed || r.Remaining != 0)
        {
            return false;
        }

        lock (_lock)
        {
            foreach (var (id, generation, sequence) in named[..count])
            {
                if (id == _selfId)
                {
                    Refute(from);
                }
                else if (_cluster.TakeSuspicion(id, generation, sequence, SuspicionSilence) is { } taken)
                {
                    _probes.Remove(id); // doubted already: no need to finish our own probe
                    TellSuspicion(taken);
                }
            }
        }

        return true;
    }

    /// <summary>
    /// This node is suspected by <paramref name="peer"/>: its current record, newer than any doubted version,
    /// answers, when the peer is a live member (a record is larger than a suspicion, so a forged source gets nothing).
    /// </summary>
    private void Refute(IPEndPoint peer)
    {
        if (_cluster.Current(_selfId) is { } self && MayAnswer(peer))
        {
            SendRecords(peer, [self.Encoded], overBudget: true);
        }
    }
}
