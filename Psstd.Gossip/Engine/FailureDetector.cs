using System.Net;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

/// <summary>
/// SWIM-style failure detection: a node silent for <see cref="GossipOptions.ProbeAfterIntervals"/> of its own
/// intervals is pinged; without an ack, a few peers are asked to ping it too (a lossy link between two nodes
/// is not a dead node); without any ack it is suspected, well before its TTL runs out, and the suspicion
/// travels. Timeouts stretch with <see cref="LocalHealth"/>. Probe packets are tiny and go out past the send
/// budget: a liveness answer must not wait behind news (see docs/failure-detection.md).
/// </summary>
internal sealed class FailureDetector
{
    /// <summary>
    /// In a large cluster a round may start probes of one known node in this many, more than
    /// <see cref="GossipOptions.MaxNewProbesPerRound"/>: right after a fleet starts, the probes that repair
    /// versions the paced relay missed grow with the cluster and must keep up with their TTLs.
    /// </summary>
    private const int ProbeLimitShare = 40;

    private readonly EngineContext _context;
    private readonly Outbox _outbox;
    private readonly RecordPacker _records;
    private readonly PeerPicker _peers;
    private readonly AnswerPolicy _answers;
    private readonly RecordIntake _intake;
    private readonly AddressValidation _validation;
    private readonly ClaimChecks _claims;
    private readonly IndirectRelays _relays;
    private readonly Suspicions _suspicions;
    private readonly Dictionary<Guid, Probe> _probes = [];
    private readonly HashSet<IPEndPoint> _answerUnpadded = []; // peers that answered a padded probe with a record, and were asked to validate this node then
    private readonly byte[] _payload = new byte[PacketCodec.MaxDatagramBytes];

    public FailureDetector(
        EngineContext context, Outbox outbox, RecordPacker records, PeerPicker peers, AnswerPolicy answers, RecordIntake intake,
        AddressValidation validation, ClaimChecks claims)
    {
        _context = context;
        _outbox = outbox;
        _records = records;
        _peers = peers;
        _answers = answers;
        _intake = intake;
        _validation = validation;
        _claims = claims;
        _relays = new IndirectRelays(context, outbox);
        _suspicions = new Suspicions(context, outbox, peers);
        Health = new LocalHealth(context.Time, context.Options.RoundInterval);
    }

    public LocalHealth Health { get; }

    private ClusterState Cluster => _context.Cluster;

    /// <summary>Once per round: judge our own lateness, move probes on, start new ones, pass suspicions on.</summary>
    public void Round(long now)
    {
        if (Health.RoundStarted(now) is { } late)
        {
            _context.Counters.RoundLate(late);
        }

        ExpireProbes(now);
        StartProbes(now);
        _suspicions.Spread();
        _relays.Round(now);
    }

    /// <summary>
    /// A ping: answers the sender (never an address the ping names) with an ack. The ack carries this node's
    /// record when the prober holds it as a live member and the record costs the prober's address nothing it
    /// did not pay: the address is validated, or the ping was padded to the ack's size. A ping for
    /// <see cref="Guid.Empty"/> asks whoever is at this address (<see cref="AddressValidation"/>).
    /// </summary>
    public bool AnswerPing(ReadOnlySpan<byte> payload, IPEndPoint from)
    {
        var r = new SpanReader(payload);
        var probeId = r.VarLong();
        var target = r.Guid();
        _ = r.ShortString(); // where to answer: a field of the previous version, no longer followed
        if (r.Failed)
        {
            return false;
        }

        if (target != _context.SelfId && target != Guid.Empty)
        {
            return true; // meant for a node that used to live at this address: nothing to confirm
        }

        var w = new SpanWriter(_payload);
        w.VarLong(probeId);
        w.Guid(_context.SelfId);
        var length = w.Position;
        if (target == _context.SelfId && Cluster.Current(_context.SelfId) is { } self && Cluster.IsLiveMember(from))
        {
            // The prober has heard nothing new of this node for a while: the answer brings the current
            // record, so a peer the relay missed several times running catches up now, not at its TTL.
            // To an address not validated yet only when the ping paid for it; that address is then asked to
            // prove itself, so its later probes need no padding.
            var validated = _validation.IsValidated(from);
            if (validated || payload.Length >= length + 3 + self.Encoded.Length)
            {
                var next = 0;
                length += RecordBatch.Pack([self.Encoded], ref next, _payload.AsSpan(length, _outbox.DatagramCapacity - length));
                if (!validated)
                {
                    _validation.Ask(from);
                }
            }
        }

        _outbox.Send(from, MessageKind.Ack, _payload.AsSpan(0, length), overBudget: true);
        return true;
    }

    /// <summary>
    /// Pings the target on a peer's behalf and passes its ack back (<see cref="IndirectRelays"/>). Only between
    /// live members at those addresses, so a forged request cannot aim this node's pings anywhere.
    /// </summary>
    public bool ForwardPing(ReadOnlySpan<byte> payload, IPEndPoint from)
    {
        var r = new SpanReader(payload);
        var probeId = r.VarLong();
        var target = r.Guid();
        var address = r.ShortString();
        if (r.Failed || r.Remaining != 0 || !IPEndPoint.TryParse(address, out var targetEndPoint) || targetEndPoint.Port == 0)
        {
            return false;
        }

        if (!Cluster.IsLiveMember(targetEndPoint) || !Cluster.IsLiveMember(from))
        {
            _context.Counters.ReplyRefused();
            return true;
        }

        _relays.Ping(targetEndPoint, target, from, probeId);
        return true;
    }

    /// <summary>
    /// An ack: the probe id, the responder's id and maybe its current record. It answers one of this node's
    /// relayed pings, address checks, claim checks or probes; an ack from exactly the address a probe went to
    /// validates that address, and its record is the node's own word.
    /// </summary>
    public bool TakeAck(ReadOnlySpan<byte> payload, IPEndPoint from)
    {
        var r = new SpanReader(payload);
        var probeId = r.VarLong();
        var responder = r.Guid();
        if (r.Failed)
        {
            return false;
        }

        var records = payload[r.Position..];
        if (_relays.TakeAck(probeId, responder, from) || _validation.TakeAck(probeId, from) || _claims.TakeAck(probeId, responder, from, records))
        {
            return true;
        }

        var probed = _probes.TryGetValue(responder, out var probe) && probe.ProbeId == probeId;
        var direct = probed && probe!.Address.Equals(from);
        if (!records.IsEmpty && !_intake.Merge(records, asNews: false, vouchedBy: direct ? responder : null))
        {
            return false;
        }

        if (direct && probe!.Padded != records.IsEmpty)
        {
            // A padded probe answered with a record: the peer asked this node to prove itself, so send the next
            // plain. A plain one answered without: it did not (or forgot), so pad again.
            if (probe.Padded && (_answerUnpadded.Count < AddressValidation.MaxValidated || _answerUnpadded.Contains(from)))
            {
                _answerUnpadded.Add(from);
            }
            else if (!probe.Padded)
            {
                _answerUnpadded.Remove(from);
            }
        }

        if (probed)
        {
            _probes.Remove(responder);
            Cluster.MarkAlive(responder, _context.Time.GetTimestamp());
            Health.ProbeAnswered();
            if (direct)
            {
                _validation.Confirmed(from);
            }

            if (records.IsEmpty && (!direct || probe!.Padded) && Cluster.Current(_context.SelfId) is { } self)
            {
                // No record came back though the ping paid for one: the responder does not hold this node as a live
                // member. Alive, but the version held here still ages towards its TTL: introduce ourselves, so the
                // next answer brings it. (After a plain ping the cause is more likely an address not validated
                // there: the next probe is padded.)
                _records.Send(probe!.Address, [self.Encoded], overBudget: true);
            }
        }

        return true;
    }

    /// <summary>Suspicions from a peer: taken when this node has heard nothing newer; one about this node is refuted.</summary>
    public bool TakeSuspicions(ReadOnlySpan<byte> payload, IPEndPoint from)
    {
        Span<DigestEntry> named = stackalloc DigestEntry[Suspicions.MaxPerPacket];
        if (!Suspicions.TryRead(payload, named, out var count))
        {
            return false;
        }

        foreach (var (id, generation, sequence) in named[..count])
        {
            if (id == _context.SelfId)
            {
                Refute(from, payload.Length);
            }
            else if (Cluster.TakeSuspicion(id, generation, sequence, _context.Options.ProbeAfterIntervals / 2) is { } taken)
            {
                _probes.Remove(id); // doubted already: no need to finish our own probe
                _suspicions.Tell(taken);
            }
        }

        return true;
    }

    /// <summary>
    /// This node is suspected by <paramref name="peer"/>: its current record, newer than any doubted version,
    /// answers, to a live member only (a record is larger than a suspicion).
    /// </summary>
    private void Refute(IPEndPoint peer, int requestBytes)
    {
        if (Cluster.Current(_context.SelfId) is { } self && _answers.MayAnswer(peer, requestBytes))
        {
            _records.Send(peer, [self.Encoded], overBudget: true);
        }
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
                _probes[id] = probe with { Indirect = true, Deadline = now + Health.Stretch(_context.Options.IndirectProbeTimeout) };
                continue;
            }

            _probes.Remove(id);
            if (Cluster.MarkSuspect(id, probe.Version))
            {
                _suspicions.Tell(probe.Version);
            }
        }
    }

    private void StartProbes(long now)
    {
        var started = 0;
        var limit = Math.Max(_context.Options.MaxNewProbesPerRound, Cluster.Count / ProbeLimitShare);
        var silent = EngineScratch.Silent;
        Cluster.CollectSilent(now, _context.Options.ProbeAfterIntervals, silent, limit + _probes.Count + 1);
        foreach (var (version, health) in silent)
        {
            if (started == limit)
            {
                break;
            }

            if (version.Id == _context.SelfId || version.Address.EndPoint is not { } endPoint || _probes.ContainsKey(version.Id)
                || !NodeHealthJudge.IsLive(health))
            {
                continue;
            }

            var padded = _outbox.SpeaksCurrent(endPoint) && !_answerUnpadded.Contains(endPoint);
            var probe = new Probe(ProbeIds.Next(_context.Random), version.Header, endPoint, false, now + Health.Stretch(_context.Options.DirectProbeTimeout), padded);
            _probes[version.Id] = probe;
            SendPing(endPoint, probe.ProbeId, version.Id, padded ? version.Encoded.Length : 0);
            started++;
        }

        silent.Clear();
    }

    private void AskOthersToPing(Guid target, Probe probe)
    {
        foreach (var helper in _peers.Pick(_context.Options.IndirectProbes, exclude: [probe.Address]))
        {
            var w = new SpanWriter(_payload);
            w.VarLong(probe.ProbeId);
            w.Guid(target);
            w.ShortString(probe.Address.ToString());
            _outbox.Send(helper, MessageKind.PingRequest, _payload.AsSpan(0, w.Position), overBudget: true);
        }
    }

    /// <summary>
    /// A probe, padded when <paramref name="padTo"/> is above 0 to the size of the ack with a record of that
    /// many bytes, so a peer that has not validated this node's address may still answer with its record.
    /// </summary>
    private void SendPing(IPEndPoint target, long probeId, Guid targetId, int padTo)
    {
        var w = new SpanWriter(_payload);
        w.VarLong(probeId);
        w.Guid(targetId);
        w.ShortString("");
        var length = w.Position;
        var padded = padTo > 0 ? Math.Min(_outbox.DatagramCapacity, 10 + 16 + 3 + padTo) : 0;
        if (padded > length)
        {
            _payload.AsSpan(length, padded - length).Clear();
            length = padded;
        }

        _outbox.Send(target, MessageKind.Ping, _payload.AsSpan(0, length), overBudget: true);
    }

    /// <summary>An open question to one node: which version it was silent on, and when to give up on the current step.</summary>
    /// <param name="Padded">The ping was padded for an ack with a record (see <see cref="SendPing"/>).</param>
    private sealed record Probe(long ProbeId, RecordHeader Version, IPEndPoint Address, bool Indirect, long Deadline, bool Padded);
}
