using System.Net;
using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Time.Testing;
using Psstd.Gossip.Wire;
using Psstd.Tests.Support;

namespace Psstd.Tests.Gossip;

/// <summary>Anti-entropy and stream decoders on many generated inputs (FsCheck): they never throw, never trust a count, never invent a node.</summary>
public sealed class SyncPropertyTests
{
    private static readonly IPEndPoint Peer = new(IPAddress.Parse("192.0.2.9"), 7947);

    [Fact]
    public void SyncDecoders_NeverThrow_OnAnyBytes() =>
        Prop.ForAll<byte[]>(bytes =>
        {
            var entries = new List<DigestEntry>();
            var ids = new List<Guid>();
            SyncMessages.TryReadSummary(bytes, new SyncSummary(), out _);
            var digest = SyncMessages.TryReadDigest(bytes, entries, out _, out var mask);
            SyncMessages.TryReadPull(bytes, ids, out _);
            return !digest || entries.All(e => (mask & (1UL << SyncSummary.Bucket(e.Id))) != 0);
        })
        .QuickCheckThrowOnFailure();

    [Fact]
    public void FrameReader_NeverThrows_NorYieldsMoreThanItsLimits() =>
        Prop.ForAll<byte[][]>(pieces =>
        {
            var reader = new StreamFrameReader();
            var largest = 0;
            var frames = 0;
            foreach (var piece in pieces.Where(p => p is not null))
            {
                reader.Feed(piece, f =>
                {
                    frames++;
                    largest = Math.Max(largest, f.Length);
                });
            }

            reader.End();
            return largest <= StreamFrames.MaxFrameBytes && frames <= StreamFrames.MaxFramesPerConnection && (reader.Dropped is not null || reader.AtFrameBoundary);
        })
        .QuickCheckThrowOnFailure();

    [Fact]
    public void MutatedSyncPackets_NeverCrashTheEngine_NorAddMoreThanTheyCarry()
    {
        var carried = RecordSamples.Record(id: Guid.NewGuid(), name: "carried");
        var originals = SyncPackets(carried);

        Prop.ForAll<int, int[], byte[]>((which, positions, values) =>
        {
            var packet = (byte[])originals[Math.Abs(which % originals.Length)].Clone();
            for (var i = 0; i < Math.Min(positions.Length, values.Length); i++)
            {
                packet[Math.Abs(positions[i] % packet.Length)] = values[i];
            }

            var node = new GossipNetwork(new FakeTimeProvider()).Add(0);
            node.Publish();
            node.Engine.Receive(packet, Peer);
            node.Engine.ReceiveFrame(packet);
            // A mutation can leave a valid record of some other node: at most one record is carried, so at most one node joins.
            return node.Cluster.Count <= 2 && node.Cluster.Find(node.Record.Id) is not null && node.Cluster.Entries().All(e => RecordCodec.IsValid(e.Encoded));
        })
        .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void RandomFrames_NeverCrashTheEngine_AndAreCounted() =>
        Prop.ForAll<byte[]>(frame =>
        {
            var node = new GossipNetwork(new FakeTimeProvider()).Add(0);
            node.Engine.ReceiveFrame(frame);
            return node.Cluster.Count == 0 && node.Counters.Dropped + node.Counters.PacketsIn(DecodeOutcome.Accepted) == 1;
        })
        .QuickCheckThrowOnFailure();

    /// <summary>One valid packet of every sync kind; the summary and digest claim buckets the engine must answer.</summary>
    private static byte[][] SyncPackets(Psstd.Gossip.Wire.NodeRecord carried)
    {
        var payload = new byte[PacketCodec.MaxDatagramBytes];
        var packet = new byte[PacketCodec.MaxDatagramBytes];
        byte[] Packet(MessageKind kind, int length) => packet.AsSpan(0, PacketCodec.Write("test", null, kind, payload.AsSpan(0, length), packet)).ToArray();

        var summary = new SyncSummary();
        summary.Add(new RecordHeader(carried.Id, 1, 1, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15), false));
        var next = 0;
        var bucket = 1UL << SyncSummary.Bucket(carried.Id);
        return
        [
            Packet(MessageKind.SyncSummary, SyncMessages.WriteSummary("192.0.2.9:7947", summary, payload)),
            Packet(MessageKind.SyncDigest, SyncMessages.WriteDigest("192.0.2.9:7947", bucket, [new DigestEntry(carried.Id, 1, 5)], payload)),
            Packet(MessageKind.SyncPull, SyncMessages.WritePull("", [carried.Id], payload)),
            Packet(MessageKind.SyncRecords, RecordBatch.Pack([RecordCodec.ToBytes(carried)], ref next, payload)),
        ];
    }
}
