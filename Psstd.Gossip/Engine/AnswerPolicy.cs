using System.Net;

namespace Psstd.Gossip.Engine;

/// <summary>
/// Where an answer larger than its request may go: only to an address that proved it receives at that
/// address (<see cref="AddressValidation"/>), within that peer's <see cref="AnswerRate"/>. A request from
/// anywhere else is left unanswered and counted (<see cref="Telemetry.GossipMetrics.RepliesRefused"/>),
/// and the address is asked to prove itself, so a real peer is answered at its next request.
/// </summary>
internal sealed class AnswerPolicy(EngineContext context, AddressValidation validation)
{
    private readonly AnswerRate _rate = new(context.Time);

    /// <summary>The payload of the ping that asks an address to prove itself, at most: a probe id, a node id, an empty string.</summary>
    public const int CheckBytes = 9 + 16 + 1;

    /// <summary>
    /// True when this node may answer <paramref name="target"/> with more than it asked; otherwise counts a
    /// refusal and, when the request was at least as large as the ping it costs, asks the address to prove itself.
    /// </summary>
    public bool MayAnswer(IPEndPoint target, int requestBytes)
    {
        if (validation.IsValidated(target))
        {
            if (_rate.TryTake(target))
            {
                return true;
            }
        }
        else if (requestBytes >= CheckBytes)
        {
            validation.Ask(target);
        }

        context.Counters.ReplyRefused();
        return false;
    }

    /// <summary>True when <paramref name="target"/> has not proved its address yet (it was just asked to).</summary>
    public bool AwaitsValidation(IPEndPoint target) => !validation.IsValidated(target);

    /// <summary>A loopback source, or the IP this node advertises for gossip: a process on this host.</summary>
    public bool FromThisHost(IPEndPoint from)
    {
        var address = from.Address.IsIPv4MappedToIPv6 ? from.Address.MapToIPv4() : from.Address;
        return IPAddress.IsLoopback(address) || address.Equals(context.Cluster.Current(context.SelfId)?.Address.EndPoint?.Address);
    }

    /// <summary>This node's gossip address as peers should answer it; empty when it is not an IP literal (then peers answer the sender).</summary>
    public string ReplyAddress() => context.Cluster.Current(context.SelfId)?.Address.EndPoint?.ToString() ?? "";

    /// <summary>
    /// Where to answer: a datagram's sender (its gossip socket) rather than any address the datagram names;
    /// a stream frame arrives from an ephemeral port, so it names its sender's gossip address.
    /// </summary>
    public static IPEndPoint? AnswerAddress(string replyTo, IPEndPoint? from) =>
        from ?? (IPEndPoint.TryParse(replyTo, out var parsed) && parsed.Port != 0 ? parsed : null);
}
