using System.Buffers;
using System.Net;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

/// <summary>
/// Anti-entropy: what the relay missed (a lost packet, a node that joined late, a healed partition)
/// is pulled from one random peer every <see cref="GossipOptions.AntiEntropyEvery"/>, in three steps
/// that cost little while two peers agree.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item>A sends its <see cref="SyncSummary"/> (64 bucket counts and hashes, about 400 bytes).</item>
/// <item>B compares. Buckets A has empty and B does not: B sends their records at once (a new node gets
/// the whole cluster in one round trip, always over the stream). Other differing buckets: B sends a digest, the (id, generation,
/// sequence) of every node it vouches for there.</item>
/// <item>A pulls what B has newer or A lacks, and pushes what A has newer or B lacks; B answers the pull.</item>
/// </list>
/// A node vouches for the nodes it does not judge offline, so a long-dead node is never handed on as
/// if it were fresh. Whatever does not fit one datagram goes over a stream (TCP on the gossip port).
/// A node syncs at once with its seeds on its first round, and with a peer it held offline the moment
/// that peer's records come back (a healed partition). Records that arrive by sync are merged but not
/// relayed: they are repairs, not news. Every answer goes only to a live member's gossip address
/// (<see cref="MayAnswer"/>), so A sends its own record just before its summary: a node that just joined,
/// or that B held offline, is a member by the time B reads the summary.
/// </remarks>
public sealed partial class GossipEngine
{
    private readonly SyncSummary _ownSummary = new();
    private readonly SyncSummary _peerSummary = new();
    private long _lastSync = long.MinValue;
    private int _knownAtLastSync;
    private bool _repairJoined; // since the last due exchange began, a repair (sync or ack) brought a node this one did not hold
    private IPEndPoint? _syncSoon;
    private IPEndPoint? _askedLast; // where this node sent its latest summary: a digest from there answers our own question

    private bool SyncEnabled => _options.AntiEntropyEvery != Timeout.InfiniteTimeSpan;

    /// <summary>Opens one stream frame (a packet larger than a datagram) and acts on it; only sync messages travel this way.</summary>
    public void ReceiveFrame(ReadOnlySpan<byte> frame)
    {
        var scratch = ArrayPool<byte>.Shared.Rent(StreamFrames.MaxFrameBytes); // frames are rare: no 64 KiB buffer held per engine
        try
        {
            lock (_receiveLock)
            {
                var outcome = PacketCodec.Open(frame, _options.Cluster, _options.Keyring, scratch, out var kind, out var payload);
                if (outcome == DecodeOutcome.Accepted)
                {
                    outcome = kind is MessageKind.SyncDigest or MessageKind.SyncPull or MessageKind.SyncRecords && Dispatch(kind, payload, from: null)
                        ? DecodeOutcome.Accepted
                        : DecodeOutcome.Malformed;
                }

                _counters.PacketIn(outcome, frame.Length);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(scratch);
        }
    }

    private bool Dispatch(MessageKind kind, ReadOnlySpan<byte> payload, IPEndPoint? from) => kind switch
    {
        MessageKind.Records => MergeRecords(payload, relay: true),
        MessageKind.Ping when from is not null => AnswerPing(payload, from),
        MessageKind.Ack => TakeAck(payload),
        MessageKind.PingRequest when from is not null => ForwardPing(payload, from),
        MessageKind.SyncSummary => AnswerSummary(payload, from),
        MessageKind.SyncDigest => AnswerDigest(payload, from),
        MessageKind.SyncPull => AnswerPull(payload, from),
        MessageKind.SyncRecords => MergeRecords(payload, relay: false),
        MessageKind.ViewerPull when from is not null => AnswerViewerPull(payload, from),
        MessageKind.Suspicion when from is not null => TakeSuspicions(payload, from),
        _ => false,
    };

    /// <summary>Once per round: starts an exchange when one is due, or asked for by a returning peer.</summary>
    private void SyncRound(long now)
    {
        // A node without a record of its own yet (its first heartbeat has not run) waits: a peer answers a
        // summary only from a live member, so this one would go unanswered, and the first sync is the one
        // that brings a new node the whole cluster at once.
        if (!SyncEnabled || _cluster.Current(_selfId) is not { } self)
        {
            return;
        }

        var known = _cluster.Count;
        var due = _lastSync == long.MinValue || _time.GetElapsedTime(_lastSync, now) >= _options.AntiEntropyEvery * SyncStride(self, known);
        var target = _syncSoon;
        if (target is null && due)
        {
            var seeds = Volatile.Read(ref _seeds);
            target = _lastSync == long.MinValue && seeds.Count > 0 ? seeds[_random.Next(seeds.Count)] : PickTargets(1).FirstOrDefault();
        }

        _syncSoon = null;
        if (target is null)
        {
            return;
        }

        if (due)
        {
            _lastSync = now;
            _knownAtLastSync = known;
            Volatile.Write(ref _repairJoined, false);
        }

        // Our own record first: the peer answers a summary only from a live member, and to a node that
        // just joined, or that it held offline across a partition, this record is what makes us one.
        SendSyncRecords(target, [self.Encoded]);

        _askedLast = target;
        _cluster.Summarize(_ownSummary);
        var length = SyncMessages.WriteSummary(ReplyAddress(), _ownSummary, _payload);
        if (length > 0 && Transmit(target, MessageKind.SyncSummary, _payload.AsSpan(0, length), overBudget: true))
        {
            _counters.SyncRound();
        }
    }

    /// <summary>
    /// How many anti-entropy periods apart exchanges start: the publish stride (see
    /// <see cref="GossipOptions.AntiEntropyEvery"/>), but 1 while this node is still learning the cluster:
    /// it knows a twentieth more nodes than at its last exchange, or a repair since then brought a node it
    /// did not hold. After a fleet starts at once, the relay is over budget and the nodes that started last
    /// know part of it; at the paced period they would take a minute to catch up, and the last few percent
    /// (nodes whose first versions the relay missed) would wait for the relay of their next versions. An
    /// exchange brings a peer's knowledge at once; one that brings nobody new ends the hurry.
    /// </summary>
    private int SyncStride(RecordVersion self, int known) =>
        known * 20 > _knownAtLastSync * 21 || Volatile.Read(ref _repairJoined) ? 1 : GossipPace.StrideOf(self.Header.Interval, _options.Interval);

    private bool AnswerSummary(ReadOnlySpan<byte> payload, IPEndPoint? from)
    {
        if (!SyncMessages.TryReadSummary(payload, _peerSummary, out var replyTo))
        {
            return false;
        }

        lock (_lock)
        {
            if (AnswerAddress(replyTo, from) is not { } target || !MayAnswer(target))
            {
                return true; // well formed, but nowhere (or no one) to answer: nothing to do
            }

            _cluster.Summarize(_ownSummary);
            var differing = _ownSummary.Differing(_peerSummary);
            ulong whole = 0;
            for (var b = 0; b < SyncSummary.Buckets; b++)
            {
                if ((differing & (1UL << b)) != 0 && _peerSummary.Count(b) == 0)
                {
                    whole |= 1UL << b;
                }
            }

            if (whole != 0)
            {
                // A peer that knows nobody but itself has just started (or lost everything): it gets the
                // whole state at once, over the reliable stream, however little there is.
                _cluster.CollectVouched(whole, Scratch.Versions);
                SendSyncRecords(target, Scratch.Versions.ConvertAll(v => v.Encoded), bulk: _peerSummary.Total <= 1);
            }

            var digestMask = differing & ~whole;
            if (digestMask != 0)
            {
                _cluster.CollectVouched(digestMask, Scratch.Versions);
                SendDigest(target, digestMask, Scratch.Versions.ConvertAll(v => new DigestEntry(v.Id, v.Header.Generation, v.Header.Sequence)));
            }

            Scratch.Versions.Clear();
        }

        return true;
    }

    private bool AnswerDigest(ReadOnlySpan<byte> payload, IPEndPoint? from)
    {
        if (!SyncMessages.TryReadDigest(payload, Scratch.Digest, out var replyTo, out var mask))
        {
            return false;
        }

        lock (_lock)
        {
            // A digest answers this node's own summary: its sender was picked here, not named by the packet.
            if (AnswerAddress(replyTo, from) is not { } target || (!target.Equals(_askedLast) && !MayAnswer(target)))
            {
                return true;
            }

            Scratch.Ids.Clear();
            var listed = Scratch.Listed;
            listed.Clear();
            foreach (var entry in Scratch.Digest)
            {
                listed[entry.Id] = entry;
                var held = entry.Id == _selfId ? null : _cluster.Current(entry.Id);
                if (entry.Id != _selfId && (held is null || entry.IsNewerThan(held.Header)))
                {
                    Scratch.Ids.Add(entry.Id);
                }
            }

            if (Scratch.Ids.Count > 0)
            {
                SendPull(target);
            }

            _cluster.CollectVouched(mask, Scratch.Versions);
            var push = new List<byte[]>();
            foreach (var version in Scratch.Versions)
            {
                if (!listed.TryGetValue(version.Id, out var theirs) || theirs.IsOlderThan(version.Header))
                {
                    push.Add(version.Encoded);
                }
            }

            Scratch.Versions.Clear();
            listed.Clear();
            SendSyncRecords(target, push);
        }

        return true;
    }

    private bool AnswerPull(ReadOnlySpan<byte> payload, IPEndPoint? from)
    {
        if (!SyncMessages.TryReadPull(payload, Scratch.Ids, out var replyTo))
        {
            return false;
        }

        lock (_lock)
        {
            if (AnswerAddress(replyTo, from) is not { } target || !MayAnswer(target))
            {
                return true;
            }

            var records = new List<byte[]>(Scratch.Ids.Count);
            foreach (var id in Scratch.Ids)
            {
                if (_cluster.Vouched(id) is { } version)
                {
                    records.Add(version.Encoded);
                }
            }

            SendSyncRecords(target, records);
        }

        return true;
    }

    /// <summary>This node's gossip address as peers should answer it; empty when it is not an IP literal (then: the datagram's sender).</summary>
    private string ReplyAddress() => _cluster.Current(_selfId)?.Address.EndPoint?.ToString() ?? "";

    /// <summary>
    /// Where to answer: a datagram's sender (its gossip socket) rather than any address the datagram
    /// names; a stream frame arrives from an ephemeral port, so it names its sender's gossip address.
    /// Whether to answer there at all is <see cref="MayAnswer"/>'s call: in a cluster without
    /// <c>PSSTD_KEY</c> a UDP source can be forged, and a sync answer (a whole state, over a stream, to a
    /// node that claims to know nobody) is far larger than the summary that asked for it.
    /// </summary>
    private static IPEndPoint? AnswerAddress(string replyTo, IPEndPoint? from) =>
        from ?? (IPEndPoint.TryParse(replyTo, out var parsed) && parsed.Port != 0 ? parsed : null);

    /// <summary>
    /// Answers larger than the question go only to members: true when <paramref name="target"/> is the
    /// gossip address of a node this agent holds and judges live. Otherwise the request was well formed
    /// but is left unanswered, and counted (<see cref="GossipCounters.RepliesRefused"/>): a forged source
    /// gets at most what it sent. With <c>PSSTD_KEY</c> a forged request does not even open.
    /// </summary>
    private bool MayAnswer(IPEndPoint target)
    {
        if (_cluster.IsLiveMember(target))
        {
            return true;
        }

        _counters.ReplyRefused();
        return false;
    }

    private void SendPull(IPEndPoint target)
    {
        var replyTo = ReplyAddress();
        var length = SyncMessages.WritePull(replyTo, Scratch.Ids, _payload.AsSpan(0, DatagramCapacity));
        if (length > 0)
        {
            Transmit(target, MessageKind.SyncPull, _payload.AsSpan(0, length), overBudget: true);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(StreamFrames.MaxFrameBytes);
        length = SyncMessages.WritePull(replyTo, Scratch.Ids, buffer.AsSpan(0, FrameCapacity));
        if (length > 0)
        {
            Stream(target, [Frame(MessageKind.SyncPull, buffer.AsSpan(0, length))]);
        }

        ArrayPool<byte>.Shared.Return(buffer);
    }

    private void SendDigest(IPEndPoint target, ulong mask, List<DigestEntry> entries)
    {
        var replyTo = ReplyAddress();
        var length = SyncMessages.WriteDigest(replyTo, mask, entries, _payload.AsSpan(0, DatagramCapacity));
        if (length > 0)
        {
            Transmit(target, MessageKind.SyncDigest, _payload.AsSpan(0, length), overBudget: true);
            return;
        }

        // Too large for a datagram: whole buckets per frame, so each frame is a digest of its own.
        var buffer = ArrayPool<byte>.Shared.Rent(StreamFrames.MaxFrameBytes);
        var frames = new List<byte[]>();
        var room = FrameCapacity - SyncMessages.DigestOverhead(replyTo);
        var start = 0;
        while (start < entries.Count)
        {
            ulong chunkMask = 0;
            var used = 0;
            var end = start;
            while (end < entries.Count)
            {
                var bucket = SyncSummary.Bucket(entries[end].Id);
                var bucketEnd = end;
                var bucketBytes = 0;
                while (bucketEnd < entries.Count && SyncSummary.Bucket(entries[bucketEnd].Id) == bucket)
                {
                    bucketBytes += SyncMessages.EntryBytes(entries[bucketEnd]);
                    bucketEnd++;
                }

                if (used + bucketBytes > room && used > 0)
                {
                    break;
                }

                chunkMask |= 1UL << bucket;
                used += bucketBytes;
                end = bucketEnd;
            }

            if (end == start)
            {
                break;
            }

            length = SyncMessages.WriteDigest(replyTo, chunkMask, entries.GetRange(start, end - start), buffer.AsSpan(0, FrameCapacity));
            if (length > 0)
            {
                frames.Add(Frame(MessageKind.SyncDigest, buffer.AsSpan(0, length)));
            }

            start = end;
        }

        // Covered buckets where this node vouches for nobody: the peer pushes all it has there.
        var empty = mask;
        foreach (var entry in entries)
        {
            empty &= ~(1UL << SyncSummary.Bucket(entry.Id));
        }

        if (empty != 0)
        {
            length = SyncMessages.WriteDigest(replyTo, empty, [], buffer.AsSpan(0, FrameCapacity));
            frames.Add(Frame(MessageKind.SyncDigest, buffer.AsSpan(0, length)));
        }

        ArrayPool<byte>.Shared.Return(buffer);
        Stream(target, frames);
    }

    /// <param name="bulk">Over the stream even when the records would fit a datagram.</param>
    private void SendSyncRecords(IPEndPoint target, List<byte[]> records, bool bulk = false)
    {
        if (records.Count == 0)
        {
            return;
        }

        var next = 0;
        var length = RecordBatch.Pack(records, ref next, _payload.AsSpan(0, DatagramCapacity));
        if (next == records.Count && !bulk)
        {
            Transmit(target, MessageKind.SyncRecords, _payload.AsSpan(0, length), overBudget: true);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(StreamFrames.MaxFrameBytes);
        var frames = new List<byte[]>();
        next = 0;
        while (next < records.Count)
        {
            length = RecordBatch.Pack(records, ref next, buffer.AsSpan(0, FrameCapacity));
            if (length == 0)
            {
                next++; // a record too large for any frame: skip it rather than loop
                continue;
            }

            frames.Add(Frame(MessageKind.SyncRecords, buffer.AsSpan(0, length)));
        }

        ArrayPool<byte>.Shared.Return(buffer);
        Stream(target, frames);
    }

    private int DatagramCapacity => PacketCodec.MaxDatagramBytes - PacketCodec.Overhead(_options.Cluster, _options.Keyring);

    private int FrameCapacity => StreamFrames.MaxFrameBytes - PacketCodec.Overhead(_options.Cluster, _options.Keyring);

    /// <summary>One sealed packet for a stream, charged to the budget like a datagram (past it: sync is bounded by its own pace).</summary>
    private byte[] Frame(MessageKind kind, ReadOnlySpan<byte> payload)
    {
        var sealedFrame = ArrayPool<byte>.Shared.Rent(StreamFrames.MaxFrameBytes);
        var length = PacketCodec.Write(_options.Cluster, _options.Keyring, kind, payload, sealedFrame.AsSpan(0, StreamFrames.MaxFrameBytes));
        var frame = sealedFrame.AsSpan(0, length).ToArray();
        ArrayPool<byte>.Shared.Return(sealedFrame);
        _tokens -= length;
        _counters.PacketOut(length);
        return frame;
    }

    private void Stream(IPEndPoint target, List<byte[]> frames)
    {
        if (frames.Count > 0)
        {
            _transport.SendStream(target, frames);
            _counters.StreamOut();
        }
    }

    /// <summary>A record came in for a node this agent held offline: it is back (a healed partition), so sync with it now.</summary>
    private void NoteReturn(MergeResult merged)
    {
        if (SyncEnabled && merged is { Before: NodeHealth.Offline, Version: { Header.Left: false, Address.EndPoint: { } endPoint } })
        {
            lock (_lock)
            {
                _syncSoon ??= endPoint;
            }
        }
    }
}
