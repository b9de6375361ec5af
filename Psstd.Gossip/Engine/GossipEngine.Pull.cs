using System.Net;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

/// <summary>
/// Pull: a node that publishes nothing (a terminal viewer, see <c>Instance/GossipViewer</c>) is in no
/// peer's cluster, so no round ever sends to it; it asks instead, and the agent answers with every record
/// it holds.
/// </summary>
/// <remarks>
/// <para>The answer is many datagrams for one empty one, so it goes only where a forged source cannot
/// point it: to this host (a loopback source, or the IP of this agent's own advertised gossip address,
/// which is where a viewer beside the agent sends from) or to a live member. A pull from anywhere else is
/// refused and counted (<see cref="GossipCounters.RepliesRefused"/>); a viewer therefore pulls from the
/// agent on its own host.</para>
/// <para>The answer is also charged to the send budget like any news, so a flood of pulls costs a node at
/// most its budget. With <c>PSSTD_KEY</c> a pull must be sealed to be answered at all.</para>
/// </remarks>
public sealed partial class GossipEngine
{
    /// <summary>Asks <paramref name="target"/> for everything it holds; the records arrive through <see cref="Receive"/>.</summary>
    public void RequestPull(IPEndPoint target)
    {
        ArgumentNullException.ThrowIfNull(target);
        lock (_lock)
        {
            Refill(_time.GetTimestamp());
            Transmit(target, MessageKind.ViewerPull, [], overBudget: true);
        }
    }

    private bool AnswerViewerPull(ReadOnlySpan<byte> payload, IPEndPoint from)
    {
        if (!payload.IsEmpty)
        {
            return false;
        }

        if (!FromThisHost(from) && !MayAnswer(from))
        {
            return true;
        }

        lock (_lock)
        {
            Refill(_time.GetTimestamp());
            // Offline and left ones too: the viewer shows them as such. Starting at a random entry, so that
            // when the budget cuts an answer short, repeated pulls still cover a large cluster.
            var entries = _cluster.Entries();
            var start = entries.Count == 0 ? 0 : _random.Next(entries.Count);
            var records = new List<byte[]>(entries.Count);
            for (var i = 0; i < entries.Count; i++)
            {
                records.Add(entries[(start + i) % entries.Count].Encoded);
            }

            SendRecords(from, records);
        }

        return true;
    }

    /// <summary>A loopback source, or the IP this agent advertises for gossip: a process on this host.</summary>
    private bool FromThisHost(IPEndPoint from)
    {
        var address = from.Address.IsIPv4MappedToIPv6 ? from.Address.MapToIPv4() : from.Address;
        return IPAddress.IsLoopback(address) || address.Equals(_cluster.Current(_selfId)?.Address.EndPoint?.Address);
    }
}
