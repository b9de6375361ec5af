using System.Net;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

/// <summary>
/// Versions a peer's record claimed that are no ordinary step from what is held (<see cref="MergeOutcome.Unconfirmed"/>:
/// a generation far ahead, a sequence far beyond the node's interval, a tombstone) are taken on the node's word,
/// not the sender's. A jump is checked at the address the claim names: the node there answers a ping with its
/// current record, which is merged instead (a forgery naming the real node's address is answered with the real,
/// older record); a claim nobody confirms is dropped. A tombstone is checked at the address of the version held:
/// a node that answers is alive and is not buried; one silent until the deadline is.
/// </summary>
/// <remarks>
/// The ping is padded to the size of the answer it asks for, so checking never makes a node send more than it
/// received. At most <see cref="MaxPending"/> checks run at once; a claim beyond that, or for a node already being
/// checked, is dropped (counted), as is one whose address cannot be pinged.
/// </remarks>
internal sealed class ClaimChecks(EngineContext context, Outbox outbox, AddressValidation validation, Relay relay)
{
    public const int MaxPending = 256;

    private readonly Dictionary<long, Pending> _pending = []; // by probe id
    private readonly HashSet<Guid> _checking = [];
    private readonly byte[] _payload = new byte[PacketCodec.MaxDatagramBytes];

    /// <summary>Starts checking a claim; <paramref name="bytes"/> is the whole record, <paramref name="claimed"/> its header.</summary>
    public void Check(RecordHeader claimed, ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> gossipAddress)
    {
        if (_pending.Count >= MaxPending || !_checking.Add(claimed.Id))
        {
            context.Counters.ClaimDropped();
            return;
        }

        var held = context.Cluster.Current(claimed.Id);
        var ask = claimed.Forgotten ? held?.Address.EndPoint : GossipAddress.Parse(gossipAddress).EndPoint;
        if (held is null || ask is null)
        {
            _checking.Remove(claimed.Id);
            context.Counters.ClaimDropped();
            return;
        }

        var probeId = ProbeIds.Next(context.Random);
        var deadline = context.Time.GetTimestamp() + (long)(context.Options.IndirectProbeTimeout.TotalSeconds * context.Time.TimestampFrequency);
        _pending[probeId] = new Pending(claimed, bytes.ToArray(), ask, deadline);
        var w = new SpanWriter(_payload);
        w.VarLong(probeId);
        w.Guid(claimed.Id);
        w.ShortString("");
        var length = Padded(w.Position, held.Encoded.Length);
        outbox.Send(ask, MessageKind.Ping, _payload.AsSpan(0, length), overBudget: true);
    }

    /// <summary>
    /// An ack of a check: the node answered from the address asked. Its own record (in <paramref name="records"/>)
    /// is what is taken; the claim itself is dropped. Returns false when the ack answers no check.
    /// </summary>
    public bool TakeAck(long probeId, Guid responder, IPEndPoint from, ReadOnlySpan<byte> records)
    {
        if (!_pending.TryGetValue(probeId, out var check) || !check.AskedAt.Equals(from) || responder != check.Claimed.Id)
        {
            return false;
        }

        _pending.Remove(probeId);
        _checking.Remove(responder);
        validation.Confirmed(from);
        var reader = new RecordBatchReader(records);
        while (reader.TryNext(out var bytes))
        {
            if (RecordCodec.TryReadHeader(bytes, out var header, out var gossipAddress) && header.Id == responder
                && context.Cluster.Merge(header, gossipAddress, bytes) is { Version: { } taken })
            {
                relay.Add(taken); // the node's own word, new here: news for the peers too
            }
        }

        if (check.Claimed.Forgotten || context.Cluster.Current(responder)?.Header != check.Claimed)
        {
            context.Counters.ClaimRefuted();
        }

        return true;
    }

    /// <summary>Once per round: claims whose node stayed silent end; a tombstone stands, a jump is dropped.</summary>
    public void Round(long now)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        foreach (var (probeId, check) in _pending.ToArray())
        {
            if (now < check.Deadline)
            {
                continue;
            }

            _pending.Remove(probeId);
            _checking.Remove(check.Claimed.Id);
            if (check.Claimed.Forgotten && RecordCodec.TryReadHeader(check.Record, out var header, out var gossipAddress))
            {
                if (context.Cluster.Merge(header, gossipAddress, check.Record) is { Version: { } buried })
                {
                    relay.Add(buried); // the node did not answer: it may be buried, and the peers told
                }
            }
            else
            {
                context.Counters.ClaimDropped();
            }
        }
    }

    /// <summary>A ping padded to at least the ack with a record it asks for (ack header, batch count and length, record).</summary>
    private int Padded(int length, int recordBytes)
    {
        var wanted = Math.Min(_payload.Length, 16 + 10 + 3 + recordBytes);
        if (length >= wanted)
        {
            return length;
        }

        _payload.AsSpan(length, wanted - length).Clear();
        return wanted;
    }

    private sealed record Pending(RecordHeader Claimed, byte[] Record, IPEndPoint AskedAt, long Deadline);
}
