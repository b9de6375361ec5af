using System.Buffers;
using System.Net;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;
using Psstd.Gossip.Telemetry;

namespace Psstd.Gossip.Engine;

/// <summary>
/// The gossip protocol of one node: rounds are driven from outside (<see cref="Tick"/>), packets arrive
/// through <see cref="Receive"/> and <see cref="ReceiveFrame"/>. The same code runs in the agent (over UDP
/// and TCP) and in the simulator (over an in-memory network on a virtual clock). See docs/gossip.md.
/// </summary>
/// <remarks>
/// <para>The work is done by parts that each own their state: the <see cref="Relay"/> (news), the
/// <see cref="FailureDetector"/> (probes, local health, suspicions), <see cref="AntiEntropy"/> (repair),
/// <see cref="ViewerPulls"/>, and below them the <see cref="Outbox"/>, the one way a packet leaves (sealed,
/// charged to the send budget, counted).</para>
/// <para>Locking, in one rule: every public member takes this engine's lock, so one call runs at a time and
/// the parts, which are not thread-safe, are reached only from inside it. <see cref="ClusterState"/> has a
/// lock of its own, taken after this one and never the other way round; the transport must not call back
/// into the engine.</para>
/// </remarks>
public sealed class GossipEngine
{
    private readonly Lock _gate = new();
    private readonly EngineContext _context;
    private readonly Outbox _outbox;
    private readonly RecordPacker _records;
    private readonly PeerPicker _peers;
    private readonly Relay _relay;
    private readonly AntiEntropy _antiEntropy;
    private readonly RecordIntake _intake;
    private readonly FailureDetector _detector;
    private readonly ViewerPulls _pulls;
    private readonly AddressValidation _validation;
    private readonly ClaimChecks _claims;
    private readonly byte[] _opened = new byte[PacketCodec.MaxDatagramBytes];
    private readonly ReplayGuard _replay = new();

    public GossipEngine(
        GossipOptions options, Guid selfId, ClusterState cluster, IGossipTransport transport, GossipMetrics counters, TimeProvider time, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        _context = new EngineContext(options, selfId, cluster, counters, time, random);
        _outbox = new Outbox(options, transport, counters, time);
        _records = new RecordPacker(_outbox);
        _peers = new PeerPicker(_context);
        _validation = new AddressValidation(_context, _outbox, peer => _antiEntropy!.Validated(peer)); // built below, before any packet can arrive
        var answers = new AnswerPolicy(_context, _validation);
        _relay = new Relay(_context, _outbox, _peers);
        _claims = new ClaimChecks(_context, _outbox, _validation, _relay);
        _antiEntropy = new AntiEntropy(_context, _outbox, _records, _peers, answers, OnClaimed);
        _intake = new RecordIntake(_context, _relay, _antiEntropy, _claims, OnClaimed);
        _detector = new FailureDetector(_context, _outbox, _records, _peers, answers, _intake, _validation, _claims);
        _pulls = new ViewerPulls(_context, _outbox, _records, answers);
    }

    /// <summary>
    /// A peer named a version of this node newer than the one it publishes: a forged record, a forged
    /// tombstone, or this node's own past (a state restored from a copy). Raised inside the engine's lock;
    /// the handler (the agent's own record) must only note it, and outrank it with its next record.
    /// </summary>
    public event EventHandler<IdentityClaim>? IdentityClaimed;

    /// <summary>This node's Lifeguard score: 0 when healthy, up to 8 when it doubts itself.</summary>
    public int HealthScore
    {
        get
        {
            lock (_gate)
            {
                return _detector.Health.Score;
            }
        }
    }

    /// <summary>Seed addresses, resolved by the caller (DNS re-resolution lives outside the engine).</summary>
    public void SetSeeds(IReadOnlyList<IPEndPoint> seeds)
    {
        ArgumentNullException.ThrowIfNull(seeds);
        lock (_gate)
        {
            _peers.Seeds = seeds;
        }
    }

    /// <summary>
    /// One round: probes and suspicions, anti-entropy, then this node's new record and the news to random
    /// peers (its own record to a few more), and now and then an introduction to seeds and one offline peer.
    /// </summary>
    public void Tick()
    {
        lock (_gate)
        {
            var now = _context.Time.GetTimestamp();
            _outbox.Refill(now);
            if (_context.Cluster.Current(_context.SelfId) is { } own)
            {
                _context.Cluster.JudgeAgainst(own.Header);
            }

            _validation.Round(now);
            _claims.Round(now);
            _detector.Round(now);
            _antiEntropy.Round(now);
            var (self, selfIsNew) = _relay.QueueOwnRecord();
            var selfTargets = _relay.Waiting > 0 ? _relay.SendNews(self) : [];
            var extra = selfIsNew ? _peers.Pick(_context.Options.OriginFanout - selfTargets.Count, exclude: selfTargets) : [];
            var reconnect = _peers.ReconnectDue(now);
            if (self is not null)
            {
                foreach (var target in extra.Concat(reconnect))
                {
                    _records.Send(target, [self.Encoded]);
                }
            }
        }
    }

    /// <summary>
    /// Sends this node's current record (its last, marked left) straight to every live peer, past the budget:
    /// a leave is the one version no later version covers, so it cannot rest on the relay's reach alone.
    /// </summary>
    public void AnnounceLeave()
    {
        lock (_gate)
        {
            _outbox.Refill(_context.Time.GetTimestamp());
            var (self, _) = _relay.QueueOwnRecord();
            if (self is null)
            {
                return;
            }

            _relay.SendNews(self);
            foreach (var peer in _peers.Live())
            {
                _records.Send(peer, [self.Encoded], overBudget: true);
            }
        }
    }

    /// <summary>
    /// Merges a tombstone this node made (<see cref="Tombstone"/>) and spreads it as news; with
    /// <paramref name="toEveryLivePeer"/> also straight to every live peer and to the node itself, past the
    /// budget (an operator's forget, like a leave, is a version nothing later of its generation covers; a node
    /// that still runs outranks it). Unless something newer is held now, it is sent even when it was held
    /// already, so a repeated forget repairs peers that missed it.
    /// </summary>
    public MergeOutcome Spread(byte[] tombstone, bool toEveryLivePeer)
    {
        ArgumentNullException.ThrowIfNull(tombstone);
        if (!RecordCodec.TryReadHeader(tombstone, out var header, out _) || !header.Forgotten || header.Id == _context.SelfId)
        {
            throw new ArgumentException("not a tombstone of another node", nameof(tombstone));
        }

        lock (_gate)
        {
            var buried = _context.Cluster.Current(header.Id)?.Address.EndPoint;
            var outcome = _context.Cluster.Merge(tombstone);
            if (_context.Cluster.Current(header.Id) is not { } held || held.Header != header)
            {
                return outcome; // something newer arrived meanwhile (a restart): nothing to bury
            }

            if (outcome != MergeOutcome.Ignored)
            {
                _relay.Add(held);
            }

            if (toEveryLivePeer)
            {
                _outbox.Refill(_context.Time.GetTimestamp());
                foreach (var peer in _peers.Live())
                {
                    _records.Send(peer, [tombstone], overBudget: true);
                }

                if (buried is not null)
                {
                    _records.Send(buried, [tombstone], overBudget: true); // a node that still runs hears it, and outranks it
                }
            }

            return outcome;
        }
    }

    /// <summary>Asks <paramref name="target"/> for everything it holds (a terminal viewer); the records arrive through <see cref="Receive"/>.</summary>
    public void RequestPull(IPEndPoint target)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_gate)
        {
            _pulls.Request(target);
        }
    }

    /// <summary>Opens one datagram and acts on it.</summary>
    /// <param name="from">Where the datagram came from: probes are answered there.</param>
    /// <returns>What became of it, as counted: only an accepted datagram says its sender is a live psstd peer.</returns>
    public DecodeOutcome Receive(ReadOnlySpan<byte> packet, IPEndPoint from)
    {
        lock (_gate)
        {
            var outcome = PacketCodec.Open(packet, _context.Options.Cluster, _context.Options.Keyring, _replay, _opened, out var kind, out var payload, out var version);
            if (outcome == DecodeOutcome.Accepted)
            {
                _outbox.Heard(from, version);
                if (!Dispatch(kind, payload, from))
                {
                    outcome = DecodeOutcome.Malformed;
                }
            }

            _context.Counters.PacketIn(outcome, packet.Length, version);
            return outcome;
        }
    }

    /// <summary>Opens one stream frame (a packet larger than a datagram) and acts on it; only anti-entropy travels this way.</summary>
    public void ReceiveFrame(ReadOnlySpan<byte> frame)
    {
        var opened = ArrayPool<byte>.Shared.Rent(StreamFrames.MaxFrameBytes); // frames are rare: no 64 KiB buffer held per engine
        try
        {
            lock (_gate)
            {
                var outcome = PacketCodec.Open(frame, _context.Options.Cluster, _context.Options.Keyring, _replay, opened, out var kind, out var payload, out var version);
                if (outcome == DecodeOutcome.Accepted
                    && !(kind is MessageKind.SyncDigest or MessageKind.SyncPull or MessageKind.SyncRecords && Dispatch(kind, payload, from: null)))
                {
                    outcome = DecodeOutcome.Malformed;
                }

                _context.Counters.PacketIn(outcome, frame.Length, version);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(opened);
        }
    }

    /// <summary>
    /// Whether a gossip stream from <paramref name="address"/> may be read: a peer whose gossip address answered
    /// a ping of this node's, or the one this node just sent its summary to (its answer may come as a stream).
    /// </summary>
    public bool AcceptsStreamFrom(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        var ip = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        lock (_gate)
        {
            return _validation.HasValidated(ip) || _antiEntropy.AskedLast?.Address.Equals(ip) == true;
        }
    }

    private void OnClaimed(long generation, long sequence) => IdentityClaimed?.Invoke(this, new IdentityClaim(generation, sequence));

    /// <returns>False when the payload is malformed for its kind (or the kind cannot come this way).</returns>
    private bool Dispatch(MessageKind kind, ReadOnlySpan<byte> payload, IPEndPoint? from) => kind switch
    {
        MessageKind.Records => _intake.Merge(payload, asNews: true),
        MessageKind.SyncRecords => _intake.Merge(payload, asNews: false),
        MessageKind.Ping when from is not null => _detector.AnswerPing(payload, from),
        MessageKind.Ack when from is not null => _detector.TakeAck(payload, from),
        MessageKind.PingRequest when from is not null => _detector.ForwardPing(payload, from),
        MessageKind.Suspicion when from is not null => _detector.TakeSuspicions(payload, from),
        MessageKind.SyncSummary => _antiEntropy.AnswerSummary(payload, from),
        MessageKind.SyncDigest => _antiEntropy.AnswerDigest(payload, from),
        MessageKind.SyncPull => _antiEntropy.AnswerPull(payload, from),
        MessageKind.ViewerPull when from is not null => _pulls.Answer(payload, from),
        _ => false,
    };
}
