using FsCheck;
using FsCheck.Fluent;
using Microsoft.Extensions.Time.Testing;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;
using Psstd.Tests.Support;

namespace Psstd.Tests.Gossip;

/// <summary>Properties checked on many generated inputs (FsCheck): merge laws, and decoders that never trust or throw.</summary>
public sealed class GossipPropertyTests
{
    /// <summary>
    /// Records of four generations, each with a reap tombstone of some of its sequences and an operator's
    /// tombstone: what a node's entry can meet on the wire.
    /// </summary>
    private static readonly byte[][] Versions =
    [
        .. Enumerable.Range(0, 4).SelectMany(g => Enumerable.Range(0, 6).SelectMany(s => VersionsOf(RecordSamples.Record(generation: g, sequence: s)))),
    ];

    private static IEnumerable<byte[]> VersionsOf(Psstd.Gossip.Wire.NodeRecord record)
    {
        var bytes = RecordCodec.ToBytes(record);
        yield return bytes;
        RecordCodec.TryReadHeader(bytes, out var header, out var address);
        var held = ClusterMerge.Apply(null, header, bytes, address, 0).Entry;
        if (record.Sequence % 2 == 1)
        {
            yield return Tombstone.Reaped(held);
        }

        if (record.Sequence == 3)
        {
            yield return Tombstone.Forever(held);
        }
    }

    private static ClusterEntry? Fold(ClusterEntry? start, IEnumerable<int> picks)
    {
        var held = start;
        foreach (var pick in picks)
        {
            var bytes = Versions[Math.Abs(pick % Versions.Length)];
            RecordCodec.TryReadHeader(bytes, out var header, out var address);
            held = ClusterMerge.Apply(held, header, bytes, address, 0).Entry;
        }

        return held;
    }

    /// <summary>The order merge keeps: generation, sequence, then a tombstone over the record it buries.</summary>
    private static (long, long, bool)? Version(ClusterEntry? entry) => entry is null ? null : Version(entry.Header);

    private static (long, long, bool) Version(RecordHeader header) => (header.Generation, header.Sequence, header.Forgotten);

    private static byte[]? Bytes(ClusterEntry? entry) => entry?.Encoded;

    private static bool SameBytes(ClusterEntry? a, ClusterEntry? b) => (Bytes(a) ?? []).AsSpan().SequenceEqual(Bytes(b) ?? []);

    [Fact]
    public void Merge_IsCommutative_Idempotent_AndAssociative() =>
        Prop.ForAll<int[], int[]>((left, right) =>
            Version(Fold(null, left.Concat(right))) == Version(Fold(null, right.Concat(left)))
            && SameBytes(Fold(null, left.Concat(right)), Fold(null, right.Concat(left)))
            && Version(Fold(null, left.Concat(left))) == Version(Fold(null, left))
            && Version(Fold(Fold(null, left), right)) == Version(Fold(null, left.Concat(right)))
            && Version(Fold(null, left)) == left.Select(p => Versions[Math.Abs(p % Versions.Length)])
                .Select(b => { RecordCodec.TryReadHeader(b, out var h, out _); return ((long, long, bool)?)Version(h); })
                .DefaultIfEmpty(null).Max())
        .QuickCheckThrowOnFailure();

    [Fact]
    public void OperatorsTombstone_OfTheNewestGeneration_EndsOnTop_InAnyOrder() =>
        Prop.ForAll<int[]>(picks =>
        {
            var forever = Versions.Single(b => RecordCodec.TryReadHeader(b, out var h, out _) && h.Generation == 3 && Tombstone.IsForever(h));
            var held = Fold(null, picks.Append(Array.IndexOf(Versions, forever)));
            return held!.Header.Generation == 3 && Tombstone.IsForever(held.Header) && held.Encoded.AsSpan().SequenceEqual(forever);
        })
        .QuickCheckThrowOnFailure();

    [Fact]
    public void RecordDecoder_NeverThrows_AndAgreesWithItsCheck() =>
        Prop.ForAll<byte[]>(bytes =>
            (RecordCodec.Read(bytes) is not null) == RecordCodec.IsValid(bytes))
        .QuickCheckThrowOnFailure();

    [Fact]
    public void MutatedPackets_NeverCrashTheEngine_NorAddANodeTheyDidNotCarry()
    {
        var valid = new byte[PacketCodec.MaxDatagramBytes];
        var next = 0;
        var payload = new byte[PacketCodec.MaxDatagramBytes];
        var payloadLength = RecordBatch.Pack([RecordCodec.ToBytes(RecordSamples.Record())], ref next, payload);
        var length = PacketCodec.Write("test", null, MessageKind.Records, payload.AsSpan(0, payloadLength), valid);
        var original = valid[..length];

        Prop.ForAll<int[], byte[]>((positions, values) =>
        {
            var packet = (byte[])original.Clone();
            for (var i = 0; i < Math.Min(positions.Length, values.Length); i++)
            {
                packet[Math.Abs(positions[i] % packet.Length)] = values[i];
            }

            var node = Alone();
            node.Engine.Receive(packet, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 7947));
            return node.Cluster.Count <= 1 && node.Cluster.Entries().All(e => RecordCodec.IsValid(e.Encoded));
        })
        .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void MutatedTombstones_AreDecodedOrRefused_NeverThrown_NeverLeftAndForgottenAtOnce()
    {
        var bytes = RecordCodec.ToBytes(RecordSamples.Record());
        RecordCodec.TryReadHeader(bytes, out var header, out var address);
        var tombstone = Tombstone.Forever(ClusterMerge.Apply(null, header, bytes, address, 0).Entry);

        Prop.ForAll<int[], byte[], int>((positions, values, cut) =>
        {
            var mutated = (byte[])tombstone.Clone();
            for (var i = 0; i < Math.Min(positions.Length, values.Length); i++)
            {
                mutated[Math.Abs(positions[i] % mutated.Length)] = values[i];
            }

            var length = mutated.Length - Math.Abs(cut % 4);
            var decoded = RecordCodec.Read(mutated.AsSpan(0, length));
            var headerRead = RecordCodec.TryReadHeader(mutated.AsSpan(0, length), out var h, out _);
            return (decoded is not null) == RecordCodec.IsValid(mutated.AsSpan(0, length))
                && (decoded is null || (headerRead && !(decoded.Left && decoded.Forgotten) && decoded.Forgotten == h.Forgotten && decoded.Sequence == h.Sequence));
        })
        .QuickCheckThrowOnFailure();
    }

    [Fact]
    public void MutatedTombstonePackets_NeverCrashTheEngine_NorAddANodeTheyDidNotCarry()
    {
        var bytes = RecordCodec.ToBytes(RecordSamples.Record());
        RecordCodec.TryReadHeader(bytes, out var header, out var address);
        var tombstone = Tombstone.Forever(ClusterMerge.Apply(null, header, bytes, address, 0).Entry);
        var valid = new byte[PacketCodec.MaxDatagramBytes];
        var next = 0;
        var payload = new byte[PacketCodec.MaxDatagramBytes];
        var payloadLength = RecordBatch.Pack([tombstone, RecordCodec.ToBytes(RecordSamples.Record(id: Guid.NewGuid()))], ref next, payload);
        var original = valid[..PacketCodec.Write("test", null, MessageKind.Records, payload.AsSpan(0, payloadLength), valid)];

        Prop.ForAll<int[], byte[]>((positions, values) =>
        {
            var packet = (byte[])original.Clone();
            for (var i = 0; i < Math.Min(positions.Length, values.Length); i++)
            {
                packet[Math.Abs(positions[i] % packet.Length)] = values[i];
            }

            var node = Alone();
            node.Engine.Receive(packet, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 7947));
            return node.Cluster.Count <= 2 && node.Cluster.Entries().All(e => RecordCodec.IsValid(e.Encoded) && !(e.Header.Left && e.Header.Forgotten));
        })
        .QuickCheckThrowOnFailure();
    }

    /// <summary>An engine that holds nothing, not even its own record, on a network of its own: what it sends goes nowhere.</summary>
    private static GossipNode Alone() => new GossipNetwork(new FakeTimeProvider()).Add(0);
}
