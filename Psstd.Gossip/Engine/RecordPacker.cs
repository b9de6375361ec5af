using System.Buffers;
using System.Net;
using Psstd.Gossip.Wire;

namespace Psstd.Gossip.Engine;

/// <summary>Sends whole records to one peer, packed into as few packets as they need.</summary>
internal sealed class RecordPacker(Outbox outbox)
{
    private readonly byte[] _payload = new byte[PacketCodec.MaxDatagramBytes];

    /// <summary>Every record as news (<see cref="MessageKind.Records"/> datagrams); stops when the budget is spent.</summary>
    /// <param name="overBudget">Send even when the budget is spent (a leave, a tombstone, a refutation: rare, charged as debt).</param>
    public void Send(IPEndPoint target, IReadOnlyList<byte[]> records, bool overBudget = false)
    {
        var batches = new RecordBatches(records, _payload.AsSpan(0, outbox.DatagramCapacity));
        while (batches.MoveNext())
        {
            if (!outbox.Send(target, MessageKind.Records, batches.Payload, overBudget))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Records that repair a peer (<see cref="MessageKind.SyncRecords"/>: merged there, not relayed): one
    /// datagram when they fit it, otherwise a stream.
    /// </summary>
    /// <param name="bulk">Over the stream even when the records would fit a datagram.</param>
    public void SendRepair(IPEndPoint target, IReadOnlyList<byte[]> records, bool bulk = false)
    {
        if (records.Count == 0)
        {
            return;
        }

        var next = 0;
        var length = RecordBatch.Pack(records, ref next, _payload.AsSpan(0, outbox.DatagramCapacity));
        if (next == records.Count && !bulk)
        {
            outbox.Send(target, MessageKind.SyncRecords, _payload.AsSpan(0, length), overBudget: true);
            return;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(StreamFrames.MaxFrameBytes);
        var frames = new List<byte[]>();
        var batches = new RecordBatches(records, buffer.AsSpan(0, outbox.FrameCapacity));
        while (batches.MoveNext())
        {
            frames.Add(outbox.Frame(target, MessageKind.SyncRecords, batches.Payload));
        }

        ArrayPool<byte>.Shared.Return(buffer);
        outbox.Stream(target, frames);
    }
}
