using System.Net;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

/// <summary>
/// The helper's side of an indirect probe: this node pings the target on a peer's behalf with a probe id of
/// its own and, when the target answers, passes a bare ack (no record) back to the peer that asked. The target
/// answers only whoever pinged it, so no packet is aimed at an address a request merely names. Bounded to
/// <see cref="MaxPending"/> requests in flight.
/// </summary>
internal sealed class IndirectRelays(EngineContext context, Outbox outbox)
{
    public const int MaxPending = 256;

    private readonly Dictionary<long, Request> _pending = [];
    private readonly byte[] _payload = new byte[64];

    /// <summary>Pings <paramref name="target"/> (node <paramref name="targetId"/>) for <paramref name="requester"/>'s probe <paramref name="probeId"/>.</summary>
    public void Ping(IPEndPoint target, Guid targetId, IPEndPoint requester, long probeId)
    {
        if (_pending.Count >= MaxPending)
        {
            return;
        }

        var ownId = ProbeIds.Next(context.Random);
        var deadline = context.Time.GetTimestamp() + (long)(context.Options.IndirectProbeTimeout.TotalSeconds * context.Time.TimestampFrequency);
        _pending[ownId] = new Request(target, targetId, requester, probeId, deadline);
        outbox.Send(target, MessageKind.Ping, Write(ownId, targetId, ping: true), overBudget: true);
    }

    /// <summary>An ack to one of this node's relayed pings, from the target itself: passed back. False when it answers none.</summary>
    public bool TakeAck(long probeId, Guid responder, IPEndPoint from)
    {
        if (!_pending.TryGetValue(probeId, out var request) || !request.Target.Equals(from) || request.TargetId != responder)
        {
            return false;
        }

        _pending.Remove(probeId);
        outbox.Send(request.Requester, MessageKind.Ack, Write(request.ProbeId, responder, ping: false), overBudget: true);
        return true;
    }

    /// <summary>Once per round: forgets requests whose target stayed silent.</summary>
    public void Round(long now)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        foreach (var (id, request) in _pending.ToArray())
        {
            if (now >= request.Deadline)
            {
                _pending.Remove(id);
            }
        }
    }

    private ReadOnlySpan<byte> Write(long probeId, Guid id, bool ping)
    {
        var w = new SpanWriter(_payload);
        w.VarLong(probeId);
        w.Guid(id);
        if (ping)
        {
            w.ShortString("");
        }

        return _payload.AsSpan(0, w.Position);
    }

    private sealed record Request(IPEndPoint Target, Guid TargetId, IPEndPoint Requester, long ProbeId, long Deadline);
}
