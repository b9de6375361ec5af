using System.Net;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

/// <summary>
/// The failure detector: a node silent for <see cref="GossipOptions.ProbeAfterIntervals"/> of its
/// intervals is pinged; without an ack, a few peers are asked to ping it too (a lossy link between two
/// nodes is not a dead node); without any ack the node is suspected, well before its TTL runs out.
/// </summary>
/// <remarks>
/// Lifeguard's idea protects healthy peers from a node that is itself slow: a local health score
/// rises when this node's own rounds run late, falls with every answered probe, and stretches every
/// probe timeout by (1 + score), up to 9x. An unanswered probe alone does not raise it: in a mass
/// failure that would slow detection exactly when it matters (Lifeguard raises it on missing nacks
/// from the helpers, which this protocol does not have yet). Probe packets are tiny and go out even
/// when the send budget is spent: a liveness answer must not wait behind news.
/// </remarks>
public sealed partial class GossipEngine
{
    private const int MaxHealthScore = 8;

    /// <summary>
    /// In a cluster larger than <see cref="GossipOptions.MaxNewProbesPerRound"/> times this, a round may
    /// start probes of one known node in this many. Right after a large fleet starts, every node holds the
    /// first version of thousands of peers, published before they knew the cluster (one interval, a 15 s
    /// TTL), and the relay, over budget, misses the next version of many. The probes that fetch it scale
    /// with the cluster (the repair of each takes up to two); at 64 a round they can fall behind those TTLs.
    /// </summary>
    private const int ProbeLimitShare = 40;

    private readonly Dictionary<Guid, Probe> _probes = [];
    private readonly byte[] _probePayload = new byte[PacketCodec.MaxDatagramBytes];
    private long _nextProbeId;
    private long _lastRound;
    private int _healthScore;

    /// <summary>This node's Lifeguard score: 0 when healthy, up to 8 when it doubts itself.</summary>
    public int HealthScore
    {
        get
        {
            lock (_lock)
            {
                return _healthScore;
            }
        }
    }

    private void ProbeRound(long now)
    {
        if (_lastRound != 0 && _time.GetElapsedTime(_lastRound, now) > _options.RoundInterval * 2)
        {
            _healthScore = Math.Min(MaxHealthScore, _healthScore + 1); // our own rounds run late: slow down our judgement
        }

        _lastRound = now;
        ExpireProbes(now);
        StartProbes(now);
        SpreadSuspicions();
    }

    private void ExpireProbes(long now)
    {
        foreach (var (id, probe) in _probes.ToArray())
        {
            if (now < probe.Deadline)
            {
                continue;
            }

            if (!probe.Indirect)
            {
                AskOthersToPing(id, probe);
                _probes[id] = probe with { Indirect = true, Deadline = now + Stretch(_options.IndirectProbeTimeout) };
                continue;
            }

            _probes.Remove(id);
            if (_cluster.MarkSuspect(id, probe.Version))
            {
                TellSuspicion(probe.Version);
            }
        }
    }

    private void StartProbes(long now)
    {
        var started = 0;
        var limit = Math.Max(_options.MaxNewProbesPerRound, _cluster.Count / ProbeLimitShare);
        var silent = Scratch.Silent;
        _cluster.CollectSilent(now, _options.ProbeAfterIntervals, silent, limit + _probes.Count + 1);
        foreach (var (version, health) in silent)
        {
            if (started == limit)
            {
                break;
            }

            if (version.Id == _selfId || version.Address.EndPoint is not { } endPoint || _probes.ContainsKey(version.Id)
                || !NodeHealthJudge.IsLive(health))
            {
                continue;
            }

            var probe = new Probe(++_nextProbeId, version.Header, endPoint, false, now + Stretch(_options.DirectProbeTimeout));
            _probes[version.Id] = probe;
            SendPing(endPoint, probe.ProbeId, version.Id, replyTo: "");
            started++;
        }

        silent.Clear();
    }

    private void AskOthersToPing(Guid target, Probe probe)
    {
        var helpers = PickTargets(_options.IndirectProbes, exclude: [probe.Address]);
        foreach (var helper in helpers)
        {
            var w = new SpanWriter(_probePayload);
            w.VarLong(probe.ProbeId);
            WriteId(ref w, target);
            w.ShortString(probe.Address.ToString());
            Transmit(helper, MessageKind.PingRequest, _probePayload.AsSpan(0, w.Position), overBudget: true);
        }
    }

    private bool AnswerPing(ReadOnlySpan<byte> payload, IPEndPoint from)
    {
        var r = new SpanReader(payload);
        var probeId = r.VarLong();
        var target = r.Guid();
        var replyTo = r.ShortString();
        if (r.Failed || r.Remaining != 0)
        {
            return false;
        }

        if (target != _selfId)
        {
            return true; // meant for a node that used to live at this address: nothing to confirm
        }

        var answerTo = replyTo.Length == 0 ? from : IPEndPoint.TryParse(replyTo, out var parsed) ? parsed : null;
        if (answerTo is null)
        {
            return false;
        }

        lock (_lock)
        {
            var w = new SpanWriter(_probePayload);
            w.VarLong(probeId);
            WriteId(ref w, _selfId);
            var length = w.Position;
            if (_cluster.Current(_selfId) is { } self && _cluster.IsLiveMember(answerTo))
            {
                // The prober has heard nothing new of this node for a while: the answer brings it, so a peer
                // that the relay happened to miss several times running catches up here, not at its TTL.
                var next = 0;
                length += RecordBatch.Pack([self.Encoded], ref next, _probePayload.AsSpan(length, DatagramCapacity - length));
            }

            Transmit(answerTo, MessageKind.Ack, _probePayload.AsSpan(0, length), overBudget: true);
        }

        return true;
    }

    /// <summary>
    /// Pings the target on a peer's behalf. Stateless: the ping names the asking peer as the one to
    /// answer, so the ack goes straight back to it. Only between members: the asker and the target must
    /// both be live members at those addresses, or the request is refused (and counted), so a forged
    /// request cannot aim this node's pings at an arbitrary address.
    /// </summary>
    private bool ForwardPing(ReadOnlySpan<byte> payload, IPEndPoint from)
    {
        var r = new SpanReader(payload);
        var probeId = r.VarLong();
        var target = r.Guid();
        var address = r.ShortString();
        if (r.Failed || r.Remaining != 0 || !IPEndPoint.TryParse(address, out var targetEndPoint) || targetEndPoint.Port == 0)
        {
            return false;
        }

        if (!_cluster.IsLiveMember(targetEndPoint) || !_cluster.IsLiveMember(from))
        {
            _counters.ReplyRefused();
            return true;
        }

        lock (_lock)
        {
            SendPing(targetEndPoint, probeId, target, from.ToString());
        }

        return true;
    }

    /// <summary>An ack: the probe id, the responder's id and, from a peer that holds this node as a member, its current record.</summary>
    private bool TakeAck(ReadOnlySpan<byte> payload)
    {
        var r = new SpanReader(payload);
        var probeId = r.VarLong();
        var responder = r.Guid();
        if (r.Failed || (r.Remaining != 0 && !MergeRecords(payload[r.Position..], relay: false)))
        {
            return false;
        }

        lock (_lock)
        {
            if (_probes.TryGetValue(responder, out var probe) && probe.ProbeId == probeId)
            {
                _probes.Remove(responder);
                _cluster.MarkAlive(responder, _time.GetTimestamp());
                _healthScore = Math.Max(0, _healthScore - 1);
                if (r.Remaining == 0 && _cluster.Current(_selfId) is { } self)
                {
                    // No record came back: the responder does not hold this node as a live member (it never
                    // heard of it, or holds it offline). Alive, but the version held here still ages towards
                    // its TTL. Introduce ourselves, so the next probe's answer brings its current record.
                    SendRecords(probe.Address, [self.Encoded], overBudget: true);
                }
            }
        }

        return true;
    }

    private void SendPing(IPEndPoint target, long probeId, Guid targetId, string replyTo)
    {
        var w = new SpanWriter(_probePayload);
        w.VarLong(probeId);
        WriteId(ref w, targetId);
        w.ShortString(replyTo);
        Transmit(target, MessageKind.Ping, _probePayload.AsSpan(0, w.Position), overBudget: true);
    }

    private long Stretch(TimeSpan timeout) => (long)(timeout.TotalSeconds * (1 + _healthScore) * _time.TimestampFrequency);

    private static void WriteId(ref SpanWriter w, Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        w.Bytes(bytes);
    }

    /// <summary>An open question to one node: which version it was silent on, and when to give up on the current step.</summary>
    private sealed record Probe(long ProbeId, RecordHeader Version, IPEndPoint Address, bool Indirect, long Deadline);
}
