using System.Net;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Telemetry;
using Psstd.Gossip.Wire;

namespace Psstd.Tests.Gossip;

/// <summary>A peer still on wire version 2 during a rolling upgrade: answered in it, with records it can read.</summary>
public sealed class PreviousVersionPeerTests
{
    private static readonly byte[] Key = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];
    private static readonly IPEndPoint Viewer = new(IPAddress.Loopback, 40_001);

    [Fact]
    public void PeerOfThePreviousVersion_GetsRecordsWithoutTheirExtension_OthersGetThemWhole()
    {
        var extended = RecordSamples.Extended(cores: 8);
        var plain = RecordCodec.ToBytes(RecordSamples.Record(cores: 8));

        var toOld = PullAnswer(PacketCodec.PreviousWireVersion);
        var toNew = PullAnswer(PacketCodec.WireVersion);

        Assert.Equal(plain, toOld);
        Assert.Equal(RecordCodec.ToBytes(extended), toNew);
        Assert.Equal(extended.Tags, RecordCodec.Read(toNew)!.Tags);
    }

    [Fact]
    public void Payloads_WithoutRecords_AreLeftAlone()
    {
        var ping = new byte[] { 7, 1, 2, 3 };

        Assert.Equal(-1, PreviousVersionPayload.Rewrite(MessageKind.Ping, ping, new byte[16]));
    }

    [Fact]
    public void Ack_KeepsItsProbeAndResponder_AndLosesOnlyTheExtension()
    {
        var responder = Guid.NewGuid();
        var payload = new byte[PacketCodec.MaxDatagramBytes];
        var w = new SpanWriter(payload);
        w.VarLong(300);
        w.Guid(responder);
        var next = 0;
        var length = w.Position + RecordBatch.Pack([RecordCodec.ToBytes(RecordSamples.Extended())], ref next, payload.AsSpan(w.Position));
        var rewritten = new byte[PacketCodec.MaxDatagramBytes];

        var written = PreviousVersionPayload.Rewrite(MessageKind.Ack, payload.AsSpan(0, length), rewritten);

        var r = new SpanReader(rewritten.AsSpan(0, written));
        Assert.Equal(300, r.VarLong());
        Assert.Equal(responder, r.Guid());
        var batch = new RecordBatchReader(rewritten.AsSpan(r.Position, written - r.Position));
        Assert.True(batch.TryNext(out var record));
        Assert.Equal(RecordCodec.ToBytes(RecordSamples.Record()), record.ToArray());
        Assert.False(batch.TryNext(out _));
        Assert.False(batch.Failed);
    }

    /// <summary>The one record an engine holding <see cref="RecordSamples.Extended"/> sends a viewer that pulls in <paramref name="version"/>.</summary>
    private static byte[] PullAnswer(byte version)
    {
        using var viewerKeys = new GossipKeyring([Key]);
        var sent = new List<byte[]>();
        var cluster = new ClusterState(TimeProvider.System);
        cluster.Merge(RecordCodec.ToBytes(RecordSamples.Extended(cores: 8)));
        var engine = new GossipEngine(
            new GossipOptions { Cluster = "test", Keyring = new GossipKeyring([Key]) },
            Guid.NewGuid(),
            cluster,
            new Capture(sent),
            new GossipMetrics(),
            TimeProvider.System,
            new Random(1));
        var pull = new byte[PacketCodec.MaxDatagramBytes];
        var length = PacketCodec.Write(version, "test", viewerKeys, MessageKind.ViewerPull, [], pull);

        Assert.Equal(DecodeOutcome.Accepted, engine.Receive(pull.AsSpan(0, length), Viewer));

        var answer = Assert.Single(sent);
        Assert.Equal(version, answer[2]);
        var scratch = new byte[PacketCodec.MaxDatagramBytes];
        Assert.Equal(DecodeOutcome.Accepted, PacketCodec.Open(answer, "test", viewerKeys, scratch, out var kind, out var payload));
        Assert.Equal(MessageKind.Records, kind);
        var batch = new RecordBatchReader(payload);
        Assert.True(batch.TryNext(out var record));
        return record.ToArray();
    }

    private sealed class Capture(List<byte[]> sent) : IGossipTransport
    {
        public void Send(IPEndPoint target, ReadOnlySpan<byte> packet) => sent.Add(packet.ToArray());
    }
}
