using System.Net;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

/// <summary>
/// Pull: a node that publishes nothing (a terminal viewer) is in no peer's cluster, so no round sends to it;
/// it asks instead, and an agent answers with every record it holds. The answer is many datagrams for one
/// empty one, so it goes only to this host (where a viewer beside its agent sends from) or to a live member,
/// and it is charged to the send budget like news.
/// </summary>
internal sealed class ViewerPulls(EngineContext context, Outbox outbox, RecordPacker records, AnswerPolicy answers)
{
    /// <summary>Asks <paramref name="target"/> for everything it holds.</summary>
    public void Request(IPEndPoint target)
    {
        outbox.Refill(context.Time.GetTimestamp());
        outbox.Send(target, MessageKind.ViewerPull, [], overBudget: true);
    }

    public bool Answer(ReadOnlySpan<byte> payload, IPEndPoint from)
    {
        if (!payload.IsEmpty)
        {
            return false;
        }

        if (!answers.FromThisHost(from) && !answers.MayAnswer(from, payload.Length))
        {
            return true;
        }

        outbox.Refill(context.Time.GetTimestamp());
        // Offline and left ones too: the viewer shows them as such. From a random entry on, so that when the
        // budget cuts an answer short, repeated pulls still cover a large cluster.
        var entries = context.Cluster.Entries();
        var start = entries.Count == 0 ? 0 : context.Random.Next(entries.Count);
        var all = new List<byte[]>(entries.Count);
        for (var i = 0; i < entries.Count; i++)
        {
            all.Add(entries[(start + i) % entries.Count].Encoded);
        }

        records.Send(from, all);
        return true;
    }
}
