using System.Net;
using Psstd.Agent.Gossip.Wire;

namespace Psstd.Agent.Gossip.Engine;

/// <summary>
/// Pull: a node that publishes nothing (a terminal viewer, see <c>Instance/GossipViewer</c>) is in no
/// peer's cluster, so no round ever sends to it; it asks instead, and the peer answers with every record
/// it holds.
/// </summary>
/// <remarks>
/// The answer is charged to the send budget like any news, so a flood of pulls (or pulls with a forged
/// source in an unsealed cluster) costs a node at most its budget. With <c>PSSTD_KEY</c> a pull must be
/// sealed to be answered at all.
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

            SendRecords(from, records, 0, out _);
        }

        return true;
    }
}
