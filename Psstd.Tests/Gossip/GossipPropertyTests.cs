using FsCheck;
using FsCheck.Fluent;
using Psstd.Agent.Cluster;
using Psstd.Agent.Gossip.Engine;
using Psstd.Agent.Gossip.Wire;
using Psstd.Tests.Support;

namespace Psstd.Tests.Gossip;

/// <summary>Properties checked on many generated inputs (FsCheck): merge laws, and decoders that never trust or throw.</summary>
public sealed class GossipPropertyTests
{
    private static readonly byte[][] Versions =
        [.. Enumerable.Range(0, 4).SelectMany(g => Enumerable.Range(0, 6).Select(s => RecordCodec.ToBytes(RecordSamples.Record(generation: g, sequence: s))))];

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

    private static (long, long)? Version(ClusterEntry? entry) => entry is null ? null : (entry.Header.Generation, entry.Header.Sequence);

    [Fact]
    public void Merge_IsCommutative_Idempotent_AndAssociative() =>
        Prop.ForAll<int[], int[]>((left, right) =>
            Version(Fold(null, left.Concat(right))) == Version(Fold(null, right.Concat(left)))
            && Version(Fold(null, left.Concat(left))) == Version(Fold(null, left))
            && Version(Fold(Fold(null, left), right)) == Version(Fold(null, left.Concat(right)))
            && Version(Fold(null, left)) == left.Select(p => Versions[Math.Abs(p % Versions.Length)])
                .Select(b => { RecordCodec.TryReadHeader(b, out var h, out _); return ((long, long)?)(h.Generation, h.Sequence); })
                .DefaultIfEmpty(null).Max())
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

            var cluster = new ClusterState(new ManualTimeProvider());
            var engine = new GossipEngine(new GossipOptions { Cluster = "test" }, Guid.NewGuid(), cluster, new NoTransport(), new Psstd.Agent.Gossip.GossipCounters(), new ManualTimeProvider(), new Random(1));
            engine.Receive(packet, new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 7947));
            return cluster.Count <= 1 && cluster.Entries().All(e => RecordCodec.IsValid(e.Encoded));
        })
        .QuickCheckThrowOnFailure();
    }

    private sealed class NoTransport : IGossipTransport
    {
        public void Send(System.Net.IPEndPoint target, ReadOnlySpan<byte> packet)
        {
        }
    }
}
