using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

/// <summary>
/// Suspicions travel: each one this node takes goes, in the next round, to
/// <see cref="GossipOptions.SuspicionFanout"/> random live peers, and each peer that takes it passes it on,
/// so a dead node is doubted everywhere within a few rounds of its first detection. A suspicion names the
/// doubted version, so any newer record of the node clears it (see docs/failure-detection.md).
/// </summary>
internal sealed class Suspicions(EngineContext context, Outbox outbox, PeerPicker peers)
{
    /// <summary>Entries in one datagram: a 16-byte id and two short varints each.</summary>
    public const int MaxPerPacket = 48;

    private readonly List<RecordHeader> _taken = [];
    private readonly byte[] _payload = new byte[PacketCodec.MaxDatagramBytes];

    /// <summary>Queues a suspicion this node now holds, for the next round.</summary>
    public void Tell(RecordHeader version) => _taken.Add(version);

    /// <summary>Once per round: sends the suspicions taken since the last one.</summary>
    public void Spread()
    {
        if (_taken.Count == 0)
        {
            return;
        }

        var targets = peers.Pick(context.Options.SuspicionFanout);
        for (var start = 0; start < _taken.Count; start += MaxPerPacket)
        {
            var w = new SpanWriter(_payload);
            var count = Math.Min(MaxPerPacket, _taken.Count - start);
            w.VarUInt((ulong)count);
            for (var i = start; i < start + count; i++)
            {
                w.Guid(_taken[i].Id);
                w.VarLong(_taken[i].Generation);
                w.VarLong(_taken[i].Sequence);
            }

            foreach (var target in targets)
            {
                outbox.Send(target, MessageKind.Suspicion, _payload.AsSpan(0, w.Position), overBudget: true);
            }
        }

        _taken.Clear();
    }

    /// <summary>Reads a suspicion datagram into <paramref name="into"/> (room for <see cref="MaxPerPacket"/>); false when malformed.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, Span<DigestEntry> into, out int count)
    {
        var r = new SpanReader(payload);
        count = (int)r.VarLong(MaxPerPacket);
        for (var i = 0; i < count && !r.Failed; i++)
        {
            into[i] = new DigestEntry(r.Guid(), r.VarLong(), r.VarLong());
        }

        return !r.Failed && r.Remaining == 0;
    }
}
