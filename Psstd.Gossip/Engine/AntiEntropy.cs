using System.Buffers;
using System.Net;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

/// <summary>
/// Anti-entropy: what the relay missed (a lost packet, a late joiner, a healed partition) is pulled from
/// one random peer every <see cref="GossipOptions.AntiEntropyEvery"/>, in steps that cost little while two
/// peers agree (see docs/gossip.md):
/// <list type="number">
/// <item>A sends its own record, then its <see cref="SyncSummary"/> (a count and hash per bucket).</item>
/// <item>B sends, at once, the records of the buckets A has empty (a new node gets the whole cluster in one
/// round trip), and a digest (id, generation, sequence) of the other differing buckets.</item>
/// <item>A pulls what B has newer or A lacks and pushes what it has newer; B answers the pull.</item>
/// </list>
/// A node vouches only for nodes it does not judge offline, so a long-dead node is never handed on as if
/// fresh. Records that arrive this way are merged, not relayed. Every answer goes through the
/// <see cref="AnswerPolicy"/>; whatever does not fit a datagram goes over a stream.
/// </summary>
internal sealed class AntiEntropy(EngineContext context, Outbox outbox, RecordPacker records, PeerPicker peers, AnswerPolicy answers, Action<long, long> claimOnSelf)
{
    private readonly SyncSummary _ownSummary = new();
    private readonly SyncSummary _peerSummary = new();
    private readonly byte[] _payload = new byte[PacketCodec.MaxDatagramBytes];
    private long _lastSync = long.MinValue;
    private int _knownAtLastSync;
    private bool _repairJoined; // since the last due exchange began, a repair brought a node this one did not hold
    private IPEndPoint? _syncSoon;
    private IPEndPoint? _askedLast; // where this node sent its latest summary: a digest from there answers our own question
    private readonly Dictionary<IPEndPoint, byte[]> _deferred = []; // summaries of peers asked to prove their address, answered once they do

    /// <summary>Summaries kept while their senders prove their address: a new node is answered one round trip later, not a period later.</summary>
    public const int MaxDeferred = 64;

    /// <summary>Where this node sent its latest summary, if anywhere.</summary>
    public IPEndPoint? AskedLast => _askedLast;

    private bool Enabled => context.Options.AntiEntropyEvery != Timeout.InfiniteTimeSpan;

    private ClusterState Cluster => context.Cluster;

    /// <summary>Once per round: starts an exchange when one is due, or asked for by a returning peer.</summary>
    public void Round(long now)
    {
        // Without a record of its own yet, a peer would not take this node's summary (answers go to members
        // only), and the first exchange is the one that brings a new node the whole cluster: wait.
        if (!Enabled || Cluster.Current(context.SelfId) is not { } self)
        {
            return;
        }

        var known = Cluster.Count;
        var due = _lastSync == long.MinValue || context.Time.GetElapsedTime(_lastSync, now) >= context.Options.AntiEntropyEvery * Stride(self, known);
        var target = _syncSoon;
        if (target is null && due)
        {
            var seeds = peers.Seeds;
            target = _lastSync == long.MinValue && seeds.Count > 0 ? seeds[context.Random.Next(seeds.Count)] : peers.Pick(1).FirstOrDefault();
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
            _repairJoined = false;
        }

        // Our own record first: to a node that just joined, or that held us offline across a partition,
        // it is what makes us a member by the time the summary is read.
        records.SendRepair(target, [self.Encoded]);

        _askedLast = target;
        Cluster.Summarize(_ownSummary);
        var length = SyncMessages.WriteSummary(answers.ReplyAddress(), _ownSummary, _payload);
        if (length > 0 && outbox.Send(target, MessageKind.SyncSummary, _payload.AsSpan(0, length), overBudget: true))
        {
            context.Counters.SyncRound();
        }
    }

    /// <summary>Exchange with <paramref name="peer"/> in the next round (it came back from offline).</summary>
    public void SyncSoon(IPEndPoint peer)
    {
        if (Enabled)
        {
            _syncSoon ??= peer;
        }
    }

    /// <summary>
    /// <paramref name="peer"/> just proved its address: its summary held back meanwhile is answered now, and
    /// otherwise an exchange with it starts next round.
    /// </summary>
    public void Validated(IPEndPoint peer)
    {
        if (_deferred.Remove(peer, out var summary))
        {
            AnswerSummary(summary, peer);
        }
        else
        {
            SyncSoon(peer);
        }
    }

    /// <summary>A repair (sync records or an ack) brought a node this one did not hold: it is still learning the cluster.</summary>
    public void RepairJoined() => _repairJoined = true;

    /// <summary>News came of a node this agent held offline: it is back (a healed partition), so sync with it now.</summary>
    public void NoteReturn(MergeResult merged)
    {
        if (merged is { Before: NodeHealth.Offline, Version: { Header.Left: false, Address.EndPoint: { } endPoint } })
        {
            SyncSoon(endPoint);
        }
    }

    public bool AnswerSummary(ReadOnlySpan<byte> payload, IPEndPoint? from)
    {
        if (!SyncMessages.TryReadSummary(payload, _peerSummary, out var replyTo))
        {
            return false;
        }

        if (AnswerPolicy.AnswerAddress(replyTo, from) is not { } target)
        {
            return true; // well formed, but nowhere to answer
        }

        if (answers.AwaitsValidation(target) && (_deferred.Count < MaxDeferred || _deferred.ContainsKey(target)))
        {
            _deferred[target] = payload.ToArray(); // kept before the address is asked to prove itself: see Validated
        }

        if (!answers.MayAnswer(target, payload.Length))
        {
            return true;
        }

        _deferred.Remove(target);

        Cluster.Summarize(_ownSummary);
        var differing = _ownSummary.Differing(_peerSummary);
        ulong whole = 0;
        for (var b = 0; b < SyncSummary.Buckets; b++)
        {
            if ((differing & (1UL << b)) != 0 && _peerSummary.Count(b) == 0)
            {
                whole |= 1UL << b;
            }
        }

        var versions = EngineScratch.Versions;
        if (whole != 0)
        {
            // A peer that knows nobody but itself has just started (or lost everything): the whole state at
            // once, over the reliable stream, however little there is.
            Cluster.CollectVouched(whole, versions);
            records.SendRepair(target, versions.ConvertAll(v => v.Encoded), bulk: _peerSummary.Total <= 1);
        }

        var digestMask = differing & ~whole;
        if (digestMask != 0)
        {
            Cluster.CollectVouched(digestMask, versions);
            SendDigest(target, digestMask, versions.ConvertAll(v => new DigestEntry(v.Id, v.Header.Generation, v.Header.Sequence)));
        }

        versions.Clear();
        return true;
    }

    public bool AnswerDigest(ReadOnlySpan<byte> payload, IPEndPoint? from)
    {
        var digest = EngineScratch.Digest;
        if (!SyncMessages.TryReadDigest(payload, digest, out var replyTo, out var mask))
        {
            return false;
        }

        // A digest answers this node's own summary: its sender was picked here, not named by the packet.
        if (AnswerPolicy.AnswerAddress(replyTo, from) is not { } target || (!target.Equals(_askedLast) && !answers.MayAnswer(target, payload.Length)))
        {
            return true;
        }

        var wanted = EngineScratch.Ids;
        wanted.Clear();
        var listed = EngineScratch.Listed;
        listed.Clear();
        foreach (var entry in digest)
        {
            if (entry.Id == context.SelfId)
            {
                claimOnSelf(entry.Generation, entry.Sequence);
            }

            listed[entry.Id] = entry;
            var held = entry.Id == context.SelfId ? null : Cluster.Current(entry.Id);
            if (entry.Id != context.SelfId && (held is null || entry.IsNewerThan(held.Header)))
            {
                wanted.Add(entry.Id);
            }
        }

        if (wanted.Count > 0)
        {
            SendPull(target, wanted);
        }

        var versions = EngineScratch.Versions;
        Cluster.CollectVouched(mask, versions);
        var push = new List<byte[]>();
        foreach (var version in versions)
        {
            if (!listed.TryGetValue(version.Id, out var theirs) || theirs.IsOlderThan(version.Header))
            {
                push.Add(version.Encoded);
            }
        }

        versions.Clear();
        listed.Clear();
        records.SendRepair(target, push);
        return true;
    }

    public bool AnswerPull(ReadOnlySpan<byte> payload, IPEndPoint? from)
    {
        var ids = EngineScratch.Ids;
        if (!SyncMessages.TryReadPull(payload, ids, out var replyTo))
        {
            return false;
        }

        if (AnswerPolicy.AnswerAddress(replyTo, from) is not { } target || !answers.MayAnswer(target, payload.Length))
        {
            return true;
        }

        var found = new List<byte[]>(ids.Count);
        foreach (var id in ids)
        {
            if (Cluster.Vouched(id) is { } version)
            {
                found.Add(version.Encoded);
            }
        }

        records.SendRepair(target, found);
        return true;
    }

    /// <summary>
    /// Exchanges start this many periods apart: the publish stride, so a paced cluster's digests do not take
    /// the budget its relay needs; but 1 while this node is still learning the cluster (it knows a twentieth
    /// more nodes than at its last exchange, or a repair since then brought a node it did not hold): after a
    /// fleet starts at once, an exchange is the fastest way for the last starters to catch up.
    /// </summary>
    private int Stride(RecordVersion self, int known) =>
        known * 20 > _knownAtLastSync * 21 || _repairJoined ? 1 : GossipPace.StrideOf(self.Header.Interval, context.Options.Interval);

    private void SendPull(IPEndPoint target, List<Guid> ids)
    {
        var replyTo = answers.ReplyAddress();
        var length = SyncMessages.WritePull(replyTo, ids, _payload.AsSpan(0, outbox.DatagramCapacity));
        if (length > 0)
        {
            outbox.Send(target, MessageKind.SyncPull, _payload.AsSpan(0, length), overBudget: true);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(StreamFrames.MaxFrameBytes);
        length = SyncMessages.WritePull(replyTo, ids, buffer.AsSpan(0, outbox.FrameCapacity));
        if (length > 0)
        {
            outbox.Stream(target, [outbox.Frame(target, MessageKind.SyncPull, buffer.AsSpan(0, length))]);
        }

        ArrayPool<byte>.Shared.Return(buffer);
    }

    private void SendDigest(IPEndPoint target, ulong mask, List<DigestEntry> entries)
    {
        var replyTo = answers.ReplyAddress();
        var length = SyncMessages.WriteDigest(replyTo, mask, entries, _payload.AsSpan(0, outbox.DatagramCapacity));
        if (length > 0)
        {
            outbox.Send(target, MessageKind.SyncDigest, _payload.AsSpan(0, length), overBudget: true);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(StreamFrames.MaxFrameBytes);
        var frames = new List<byte[]>();
        foreach (var (chunkMask, start, end) in DigestChunks.Split(entries, outbox.FrameCapacity - SyncMessages.DigestOverhead(replyTo)))
        {
            length = SyncMessages.WriteDigest(replyTo, chunkMask, entries.GetRange(start, end - start), buffer.AsSpan(0, outbox.FrameCapacity));
            if (length > 0)
            {
                frames.Add(outbox.Frame(target, MessageKind.SyncDigest, buffer.AsSpan(0, length)));
            }
        }

        // Covered buckets where this node vouches for nobody: the peer pushes all it has there.
        if (DigestChunks.Empty(mask, entries) is var empty and not 0)
        {
            length = SyncMessages.WriteDigest(replyTo, empty, [], buffer.AsSpan(0, outbox.FrameCapacity));
            frames.Add(outbox.Frame(target, MessageKind.SyncDigest, buffer.AsSpan(0, length)));
        }

        ArrayPool<byte>.Shared.Return(buffer);
        outbox.Stream(target, frames);
    }
}
