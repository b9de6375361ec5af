using System.Net;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

/// <summary>
/// Epidemic dissemination of node records: every record new to this node is relayed once, to
/// <see cref="GossipOptions.Fanout"/> random peers, in the next round. The same code runs in the agent
/// (over UDP) and in the simulator (over an in-memory network with a simulated clock).
/// </summary>
/// <remarks>
/// <para>Not the origin only, as the Go psstd did: a node's record reaches peers that cannot hear it
/// directly, and a 1,000-node cluster converges in a few rounds instead of needing every pair to talk.</para>
/// <para>Rounds are driven from outside (<see cref="Tick"/>), packets arrive through <see cref="Receive"/>;
/// both are safe to call from different threads.</para>
/// </remarks>
public sealed partial class GossipEngine
{
    private readonly GossipOptions _options;
    private readonly Guid _selfId;
    private readonly ClusterState _cluster;
    private readonly IGossipTransport _transport;
    private readonly GossipCounters _counters;
    private readonly TimeProvider _time;
    private readonly Random _random;
    private readonly Lock _lock = new();
    private readonly RelayQueue _queue = new();
    private readonly byte[] _packet = new byte[PacketCodec.MaxDatagramBytes];
    private readonly byte[] _payload = new byte[PacketCodec.MaxDatagramBytes];
    private readonly byte[] _scratch = new byte[PacketCodec.MaxDatagramBytes];
    private readonly Lock _receiveLock = new();
    private IReadOnlyList<IPEndPoint> _seeds = [];
    private long _lastSelfSequence = -1;
    private long _lastSelfGeneration = -1;
    private long _lastReconnect;
    private long _lastRefill;
    private double _tokens;

    public GossipEngine(
        GossipOptions options, Guid selfId, ClusterState cluster, IGossipTransport transport, GossipCounters counters, TimeProvider time, Random random)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _selfId = selfId;
        _cluster = cluster;
        _transport = transport;
        _counters = counters;
        _time = time;
        _random = random;
        _lastRefill = time.GetTimestamp();
        _lastReconnect = long.MinValue;
        _tokens = options.BandwidthBytesPerSecond;
    }

    /// <summary>Seed addresses, resolved by the caller (DNS re-resolution lives outside the engine).</summary>
    public void SetSeeds(IReadOnlyList<IPEndPoint> seeds) => Volatile.Write(ref _seeds, seeds);

    /// <summary>One round: queue this node's new record, then send what is new to random peers.</summary>
    public void Tick()
    {
        lock (_lock)
        {
            var now = _time.GetTimestamp();
            Refill(now);
            ProbeRound(now);
            SyncRound(now);
            var (self, selfIsNew) = QueueOwnRecord();
            var selfTargets = _queue.Count > 0 ? SendNews(self) : [];
            var extra = selfIsNew ? PickTargets(_options.OriginFanout - selfTargets.Count, exclude: selfTargets) : [];
            var reconnect = ReconnectTargetsDue(now);
            if (self is not null)
            {
                foreach (var target in extra.Concat(reconnect))
                {
                    SendRecords(target, [self.Encoded]);
                }
            }
        }
    }

    /// <summary>
    /// Sends this node's current record (its last, marked left) straight to every live peer, past the
    /// budget: a leave is the one version no later version covers, so it cannot rely on the relay's
    /// reach of about 90 %, and it happens once per generation (about 150 KB at 1,000 nodes).
    /// </summary>
    public void AnnounceLeave()
    {
        lock (_lock)
        {
            Refill(_time.GetTimestamp());
            var (self, _) = QueueOwnRecord();
            if (self is null)
            {
                return;
            }

            SendNews(self);
            foreach (var entry in _cluster.Entries())
            {
                if (entry is { GossipEndPoint: { } endPoint } && entry.Id != _selfId && NodeHealthJudge.IsLive(NodeHealthJudge.Judge(entry, _time)))
                {
                    SendRecords(endPoint, [self.Encoded], overBudget: true);
                }
            }
        }
    }

    /// <summary>Opens one datagram and acts on it: merges new records, answers and follows probes.</summary>
    /// <param name="from">Where the datagram came from: probes are answered there.</param>
    /// <returns>What became of it, as counted: only an accepted datagram says its sender is a live psstd peer.</returns>
    public DecodeOutcome Receive(ReadOnlySpan<byte> packet, IPEndPoint from)
    {
        lock (_receiveLock)
        {
            var outcome = PacketCodec.Open(packet, _options.Cluster, _options.Keyring, _scratch, out var kind, out var payload);
            if (outcome == DecodeOutcome.Accepted)
            {
                outcome = Dispatch(kind, payload, from) ? DecodeOutcome.Accepted : DecodeOutcome.Malformed;
            }

            _counters.PacketIn(outcome, packet.Length);
            return outcome;
        }
    }

    /// <param name="relay">False for records that came by anti-entropy: merged, not relayed.</param>
    private bool MergeRecords(ReadOnlySpan<byte> payload, bool relay)
    {
        var reader = new RecordBatchReader(payload);
        while (reader.TryNext(out var bytes))
        {
            if (!RecordCodec.TryReadHeader(bytes, out var header, out var gossipAddress))
            {
                return false;
            }

            var merged = header.Id == _selfId ? new MergeResult(MergeOutcome.Ignored) : _cluster.Merge(header, gossipAddress, bytes);
            switch (merged.Outcome)
            {
                case MergeOutcome.Rejected:
                    return false;
                case MergeOutcome.Ignored:
                    _counters.RecordDuplicate();
                    continue;
            }

            _counters.RecordNew();
            if (!relay && merged.Outcome == MergeOutcome.Joined)
            {
                Volatile.Write(ref _repairJoined, true); // still learning the cluster: see SyncStride
            }

            if (relay)
            {
                NoteReturn(merged);
                lock (_lock)
                {
                    _queue.Add(merged.Version!);
                }
            }
        }

        return !reader.Failed;
    }

    private (RecordVersion? Self, bool IsNew) QueueOwnRecord()
    {
        var self = _cluster.Current(_selfId);
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
    /// Up to <paramref name="count"/> distinct live peers, from a few random draws each (a state can hold
    /// many offline or address-less nodes); seeds stand in while few peers are known.
    /// </summary>
    private List<IPEndPoint> PickTargets(int count, List<IPEndPoint>? exclude = null)
    {
        var targets = new List<IPEndPoint>(Math.Max(0, count));
        bool Usable(IPEndPoint endPoint) => !targets.Contains(endPoint) && exclude?.Contains(endPoint) != true;
        for (var attempt = 0; attempt < count * 8 && targets.Count < count; attempt++)
        {
            if (_cluster.PickRandom(_random) is ({ Address.EndPoint: { } endPoint } version, var health)
                && version.Id != _selfId && NodeHealthJudge.IsLive(health) && Usable(endPoint))
            {
                targets.Add(endPoint);
            }
        }

        var seeds = Volatile.Read(ref _seeds);
        for (var i = 0; targets.Count < count && i < seeds.Count; i++)
        {
            var seed = seeds[_random.Next(seeds.Count)];
            if (Usable(seed))
            {
                targets.Add(seed);
            }
        }

        return targets;
    }

    /// <summary>Every <see cref="GossipOptions.ReconnectEvery"/>: all seeds and one peer believed offline.</summary>
    private List<IPEndPoint> ReconnectTargetsDue(long now)
    {
        if (_lastReconnect != long.MinValue && _time.GetElapsedTime(_lastReconnect, now) < _options.ReconnectEvery)
        {
            return [];
        }

        _lastReconnect = now;
        var targets = new List<IPEndPoint>(Volatile.Read(ref _seeds));
        for (var attempt = 0; attempt < 8; attempt++)
        {
            if (_cluster.PickRandom(_random) is ({ Address.EndPoint: { } endPoint } version, var health)
                && version.Id != _selfId && !NodeHealthJudge.IsLive(health) && !version.Header.Forgotten)
            {
                targets.Add(endPoint);
                break;
            }
        }

        return targets;
    }


    /// <summary>
    /// Sends what is waiting, one datagram at a time, each to its own <see cref="GossipOptions.Fanout"/>
    /// random live peers. Not the whole round's news to the same two or three: a peer then receives many
    /// small shares from many senders instead of a few whole queues, and the bytes each node receives stay
    /// close to the mean (with whole queues the busiest of 2,000 nodes received 1.35 times the mean over 15 s).
    /// Returns the peers that got the datagram holding <paramref name="self"/>, this node's own record.
    /// </summary>
    private List<IPEndPoint> SendNews(RecordVersion? self)
    {
        var versions = Scratch.News;
        var encoded = Scratch.NewsBytes;
        _queue.Drain(_cluster, versions, encoded);
        var capacity = PacketCodec.MaxDatagramBytes - PacketCodec.Overhead(_options.Cluster, _options.Keyring);
        List<IPEndPoint> selfTargets = [];
        var next = 0;
        while (next < encoded.Count)
        {
            var first = next;
            var length = RecordBatch.Pack(encoded, ref next, _payload.AsSpan(0, capacity));
            if (length == 0)
            {
                next++; // a record too large for any datagram: skip it rather than loop
                continue;
            }

            var targets = PickTargets((int)_options.Fanout + (_random.NextDouble() < _options.Fanout % 1 ? 1 : 0));
            if (targets.Count == 0)
            {
                // No live peer drawn this time (a cluster of mostly offline nodes): this datagram's records wait a round.
                for (var i = first; i < next; i++)
                {
                    _queue.Add(versions[i]);
                }

                continue;
            }

            var sent = false;
            foreach (var target in targets)
            {
                sent |= Transmit(target, MessageKind.Records, _payload.AsSpan(0, length), overBudget: false);
            }

            if (!sent)
            {
                // Over budget: what nobody got waits for the next round, where newer versions replace it.
                _counters.RoundOverBudget();
                for (var i = first; i < versions.Count; i++)
                {
                    _queue.Add(versions[i]);
                }

                break;
            }

            if (self is not null && selfTargets.Count == 0 && versions.IndexOf(self, first, next - first) >= 0)
            {
                selfTargets = targets;
            }
        }

        versions.Clear();
        encoded.Clear();
        return selfTargets;
    }

    /// <summary>Every record to one peer, in as many datagrams as they need; stops when the budget is spent.</summary>
    /// <param name="overBudget">Send even when the budget is spent (a leave, a tombstone, a refute: rare, and charged as debt).</param>
    private void SendRecords(IPEndPoint target, List<byte[]> records, bool overBudget = false)
    {
        var capacity = PacketCodec.MaxDatagramBytes - PacketCodec.Overhead(_options.Cluster, _options.Keyring);
        var next = 0;
        while (next < records.Count)
        {
            var payloadLength = RecordBatch.Pack(records, ref next, _payload.AsSpan(0, capacity));
            if (payloadLength == 0)
            {
                next++; // a record too large for any datagram: skip it rather than loop
                continue;
            }

            if (!Transmit(target, MessageKind.Records, _payload.AsSpan(0, payloadLength), overBudget))
            {
                return;
            }
        }
    }

    /// <summary>
    /// The one way a packet leaves: sealed as configured, charged to the budget, counted. Returns false,
    /// sending nothing, when the budget is spent and <paramref name="overBudget"/> is false; over-budget
    /// sends still charge it, so the debt slows the news that follows.
    /// </summary>
    private bool Transmit(IPEndPoint target, MessageKind kind, ReadOnlySpan<byte> payload, bool overBudget)
    {
        var length = PacketCodec.Write(_options.Cluster, _options.Keyring, kind, payload, _packet);
        if (length == 0 || (_tokens < length && !overBudget))
        {
            return false;
        }

        _tokens -= length;
        _transport.Send(target, _packet.AsSpan(0, length));
        _counters.PacketOut(length);
        return true;
    }

    private void Refill(long now)
    {
        var elapsed = _time.GetElapsedTime(_lastRefill, now).TotalSeconds;
        _lastRefill = now;
        _tokens = Math.Min(_options.BandwidthBytesPerSecond, _tokens + (elapsed * _options.BandwidthBytesPerSecond));
    }
}
