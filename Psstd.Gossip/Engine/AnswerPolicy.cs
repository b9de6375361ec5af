using System.Net;

namespace Psstd.Gossip.Engine;

/// <summary>
/// Where an answer may go. In a cluster without a key a UDP source can be forged, so an answer larger than
/// its request goes only to the gossip address of a member this node judges live; anything else is left
/// unanswered and counted (<see cref="GossipMetrics.RepliesRefused"/>). With a key a forged request does
/// not even open.
/// </summary>
internal sealed class AnswerPolicy(EngineContext context)
{
    /// <summary>True when <paramref name="target"/> is a live member's gossip address; otherwise counts a refusal.</summary>
    public bool MayAnswer(IPEndPoint target)
    {
        if (context.Cluster.IsLiveMember(target))
        {
            return true;
        }

        context.Counters.ReplyRefused();
        return false;
    }

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
