using System.Net;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

/// <summary>
/// Return routability, as QUIC validates addresses: an address is validated once it answered a ping this node
/// sent to exactly that address (any ping: a probe, a check, or the small one sent here to ask). Nothing larger
/// than a request goes to an address that is not, so a forged source cannot turn this node's answers on a
/// third party. Bounded: at most <see cref="MaxValidated"/> addresses (least recently confirmed dropped first),
/// each for <see cref="ValidFor"/>, and <see cref="MaxPending"/> questions in flight.
/// </summary>
internal sealed class AddressValidation(EngineContext context, Outbox outbox, Action<IPEndPoint> answered)
{
    public const int MaxValidated = 4096;
    public const int MaxPending = 256;
    public static readonly TimeSpan ValidFor = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan AskAgainAfter = TimeSpan.FromSeconds(2);

    private readonly Dictionary<IPEndPoint, long> _validated = []; // address -> when it last answered
    private readonly Dictionary<long, (IPEndPoint To, long At)> _pending = []; // probe id -> address asked, when
    private readonly Dictionary<IPEndPoint, long> _asked = []; // address -> when it was last asked
    private readonly byte[] _payload = new byte[64];

    /// <summary>Addresses validated now (for the health line).</summary>
    public int Count => _validated.Count;

    public bool IsValidated(IPEndPoint address) =>
        _validated.TryGetValue(address, out var at) && context.Time.GetElapsedTime(at) < ValidFor;

    /// <summary>True when any validated address has <paramref name="ip"/> (a peer's streams come from an ephemeral port).</summary>
    public bool HasValidated(IPAddress ip)
    {
        foreach (var (address, at) in _validated)
        {
            if (address.Address.Equals(ip) && context.Time.GetElapsedTime(at) < ValidFor)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>An ack to one of this node's pings came from exactly the address it was sent to.</summary>
    public void Confirmed(IPEndPoint address)
    {
        if (_validated.Count >= MaxValidated && !_validated.ContainsKey(address))
        {
            _validated.Remove(_validated.MinBy(v => v.Value).Key);
        }

        _validated[address] = context.Time.GetTimestamp();
    }

    /// <summary>Sends a small ping that any agent answers, unless one went there just now; the ack validates the address.</summary>
    public void Ask(IPEndPoint address)
    {
        var now = context.Time.GetTimestamp();
        if ((_asked.TryGetValue(address, out var last) && context.Time.GetElapsedTime(last, now) < AskAgainAfter) || _pending.Count >= MaxPending)
        {
            return;
        }

        if (_asked.Count >= MaxPending * 4)
        {
            _asked.Clear(); // only a rate limit: forgetting it early costs a ping at most
        }

        var probeId = ProbeIds.Next(context.Random);
        _pending[probeId] = (address, now);
        _asked[address] = now;
        var w = new SpanWriter(_payload);
        w.VarLong(probeId);
        w.Guid(Guid.Empty); // whoever answers at this address
        w.ShortString("");
        outbox.Send(address, MessageKind.Ping, _payload.AsSpan(0, w.Position), overBudget: true);
    }

    /// <summary>
    /// Takes an ack of one of this node's validation pings; true when it answered one. From the address asked,
    /// the address is validated, and <c>answered</c> is told (a request refused a moment ago can be met now).
    /// </summary>
    public bool TakeAck(long probeId, IPEndPoint from)
    {
        if (!_pending.Remove(probeId, out var asked))
        {
            return false;
        }

        if (!asked.To.Equals(from))
        {
            return true; // ours, but answered from elsewhere: proves nothing
        }

        Confirmed(from);
        answered(from);
        return true;
    }

    /// <summary>Once per round: forgets questions that went unanswered.</summary>
    public void Round(long now)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        foreach (var (probeId, asked) in _pending.ToArray())
        {
            if (context.Time.GetElapsedTime(asked.At, now) > AskAgainAfter)
            {
                _pending.Remove(probeId);
            }
        }
    }
}
