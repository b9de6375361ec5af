using System.Net;
using System.Security.Cryptography;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Telemetry;
using Psstd.Gossip.Wire;
using Psstd.Tests.Gossip;

namespace Psstd.Tests.Trust;

/// <summary>Issue rows 6 and 7: sealed gossip that resists replay and cannot reuse a nonce across processes.</summary>
public sealed class SealedReplayTests
{
    private static readonly byte[] Key = RandomNumberGenerator.GetBytes(32);
    private static readonly IPEndPoint Sender = new(IPAddress.Loopback, 7999);

    [Fact]
    public void SealedDatagram_ReplayedAThousandTimes_IsAcceptedOnce()
    {
        using var senderKeys = new GossipKeyring([Key]);
        var (engine, metrics, _) = Receiver();
        var packet = Sealed(senderKeys, MessageKind.Records, RecordsPayload());

        var outcomes = Enumerable.Range(0, 1000).Select(_ => engine.Receive(packet, Sender)).ToList();

        Assert.Equal(1, outcomes.Count(o => o == DecodeOutcome.Accepted));
        Assert.Equal(999, outcomes.Count(o => o == DecodeOutcome.Replayed));
        Assert.Equal(999, metrics.PacketsIn(DecodeOutcome.Replayed));
    }

    [Fact]
    public void SealedFrame_ReplayedOverStreams_IsTakenOnce()
    {
        using var senderKeys = new GossipKeyring([Key]);
        var (engine, metrics, _) = Receiver();
        var frame = Sealed(senderKeys, MessageKind.SyncRecords, RecordsPayload());

        for (var i = 0; i < 512; i++)
        {
            engine.ReceiveFrame(frame);
        }

        Assert.Equal(1, metrics.PacketsIn(DecodeOutcome.Accepted));
        Assert.Equal(511, metrics.PacketsIn(DecodeOutcome.Replayed));
    }

    [Fact]
    public void PacketsArrivingOutOfOrder_WithinTheWindow_AreAllAccepted_EachOnce()
    {
        using var senderKeys = new GossipKeyring([Key]);
        var (engine, _, _) = Receiver();
        var packets = Enumerable.Range(0, 200).Select(_ => Sealed(senderKeys, MessageKind.Records, [0])).ToList();
        var shuffled = packets.OrderBy(_ => Random.Shared.Next()).ToList();

        Assert.All(shuffled, p => Assert.Equal(DecodeOutcome.Accepted, engine.Receive(p, Sender)));
        Assert.All(packets, p => Assert.Equal(DecodeOutcome.Replayed, engine.Receive(p, Sender)));
    }

    [Fact]
    public void TwoProcessesWithOneClusterKey_SealUnderDifferentSubkeys_SoNoncesNeverCollide()
    {
        using var first = new GossipKeyring([Key]);
        using var second = new GossipKeyring([Key]);
        var a = Sealed(first, MessageKind.Records, [0]);
        var b = Sealed(second, MessageKind.Records, [0]);
        var (engine, _, _) = Receiver();

        // Same counter (1), same plaintext, same cluster key: the salts differ, and so does everything sealed.
        Assert.False(first.Salt.SequenceEqual(second.Salt));
        Assert.NotEqual(a[^17..], b[^17..]);
        Assert.Equal(DecodeOutcome.Accepted, engine.Receive(a, Sender));
        Assert.Equal(DecodeOutcome.Accepted, engine.Receive(b, Sender));
    }

    [Fact]
    public void TamperedCounter_DoesNotOpen()
    {
        using var senderKeys = new GossipKeyring([Key]);
        var packet = Sealed(senderKeys, MessageKind.Records, [0]);
        var (engine, _, _) = Receiver();
        var counterAt = packet.Length - GossipKeyring.TagBytes - 2 - GossipKeyring.CounterBytes; // before the sealed kind and one payload byte
        packet[counterAt] ^= 0x40;

        Assert.Equal(DecodeOutcome.CannotOpen, engine.Receive(packet, Sender));
    }

    [Fact]
    public void PreviousWireVersion_IsStillOpened_AndAnsweredInIt()
    {
        using var oldAgent = new GossipKeyring([Key]);
        var (engine, metrics, sent) = Receiver();
        var ping = new byte[PacketCodec.MaxDatagramBytes];
        var pingLength = PingPayload(ping);
        var packet = new byte[PacketCodec.MaxDatagramBytes];
        var length = PacketCodec.Write(PacketCodec.PreviousWireVersion, "test", oldAgent, MessageKind.Ping, ping.AsSpan(0, pingLength), packet);

        Assert.Equal(DecodeOutcome.Accepted, engine.Receive(packet.AsSpan(0, length), Sender));

        Assert.Equal(1, metrics.PreviousVersionIn);
        var ack = Assert.Single(sent);
        Assert.Equal(PacketCodec.PreviousWireVersion, ack[2]);
        Assert.Equal(DecodeOutcome.Accepted, PacketCodec.Open(ack, "test", oldAgent, new byte[1200], out var kind, out _));
        Assert.Equal(MessageKind.Ack, kind);
    }

    private static Guid SelfId { get; } = Guid.NewGuid();

    private static (GossipEngine Engine, GossipMetrics Metrics, List<byte[]> Sent) Receiver()
    {
        var metrics = new GossipMetrics();
        var sent = new List<byte[]>();
        var engine = new GossipEngine(
            new GossipOptions { Cluster = "test", Keyring = new GossipKeyring([Key]) },
            SelfId,
            new ClusterState(TimeProvider.System),
            new Capture(sent),
            metrics,
            TimeProvider.System,
            new Random(1));
        return (engine, metrics, sent);
    }

    private static byte[] Sealed(GossipKeyring keyring, MessageKind kind, byte[] payload)
    {
        var packet = new byte[StreamFrames.MaxFrameBytes];
        var length = PacketCodec.Write("test", keyring, kind, payload, packet);
        Assert.True(length > 0);
        return packet[..length];
    }

    private static byte[] RecordsPayload()
    {
        var payload = new byte[PacketCodec.MaxDatagramBytes];
        var next = 0;
        var length = RecordBatch.Pack([RecordCodec.ToBytes(RecordSamples.Record(id: Guid.NewGuid()))], ref next, payload);
        return payload[..length];
    }

    /// <summary>A direct ping of the receiver (probe id 7, its id, no reply-to).</summary>
    private static int PingPayload(byte[] into)
    {
        var w = new SpanWriter(into);
        w.VarLong(7);
        w.Guid(SelfId);
        w.ShortString("");
        return w.Position;
    }

    private sealed class Capture(List<byte[]> sent) : IGossipTransport
    {
        public void Send(IPEndPoint target, ReadOnlySpan<byte> packet) => sent.Add(packet.ToArray());
    }
}
