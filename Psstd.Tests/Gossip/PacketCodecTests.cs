using System.Security.Cryptography;
using Psstd.Gossip.Wire;

namespace Psstd.Tests.Gossip;

public sealed class PacketCodecTests
{
    private static readonly byte[] Payload = [1, 2, 3, 4, 5];

    private static byte[] Write(string cluster = "psstd", GossipKeyring? keyring = null)
    {
        var buffer = new byte[PacketCodec.MaxDatagramBytes];
        var length = PacketCodec.Write(cluster, keyring, MessageKind.Records, Payload, buffer);
        Assert.True(length > 0);
        Assert.Equal(PacketCodec.Overhead(cluster, keyring) + Payload.Length, length);
        return buffer[..length];
    }

    private static DecodeOutcome Open(byte[] packet, GossipKeyring? keyring = null, string cluster = "psstd") =>
        PacketCodec.Open(packet, cluster, keyring, new byte[PacketCodec.MaxDatagramBytes], out _, out _);

    private static GossipKeyring Keyring(params byte[][] keys) => new(keys);

    [Fact]
    public void Plain_RoundTrips()
    {
        var packet = Write();

        var outcome = PacketCodec.Open(packet, "psstd", null, new byte[1200], out var kind, out var payload);

        Assert.Equal(DecodeOutcome.Accepted, outcome);
        Assert.Equal(MessageKind.Records, kind);
        Assert.Equal(Payload, payload.ToArray());
    }

    [Fact]
    public void Sealed_RoundTrips_AndHidesThePayload()
    {
        using var keyring = Keyring(RandomNumberGenerator.GetBytes(32));
        var packet = Write(keyring: keyring);
        var scratch = new byte[1200];

        var outcome = PacketCodec.Open(packet, "psstd", keyring, scratch, out _, out var payload);

        Assert.Equal(DecodeOutcome.Accepted, outcome);
        Assert.Equal(Payload, payload.ToArray());
        Assert.True(packet.AsSpan().IndexOf(Payload) < 0);
    }

    [Fact]
    public void KeyRotation_FirstSeals_AllOpen()
    {
        var oldKey = RandomNumberGenerator.GetBytes(32);
        var newKey = RandomNumberGenerator.GetBytes(32);
        using var oldOnly = Keyring(oldKey);
        using var both = Keyring(newKey, oldKey);
        using var newOnly = Keyring(newKey);

        Assert.Equal(DecodeOutcome.Accepted, Open(Write(keyring: oldOnly), both));
        Assert.Equal(DecodeOutcome.Accepted, Open(Write(keyring: both), newOnly));
        Assert.Equal(DecodeOutcome.CannotOpen, Open(Write(keyring: newOnly), oldOnly));
    }

    [Fact]
    public void KeyedCluster_DropsUnsealed_AndKeylessAgent_DropsSealed()
    {
        using var keyring = Keyring(RandomNumberGenerator.GetBytes(32));

        Assert.Equal(DecodeOutcome.NotSealed, Open(Write(), keyring));
        Assert.Equal(DecodeOutcome.CannotOpen, Open(Write(keyring: keyring)));
    }

    [Fact]
    public void TamperedHeader_DoesNotOpen()
    {
        using var keyring = Keyring(RandomNumberGenerator.GetBytes(32));
        var packet = Write("psstd", keyring);
        var renamed = Write("psstD", keyring);
        byte[] spliced = [.. packet[..10], .. renamed[10..]]; // header of one, sealed body of the other

        Assert.Equal(DecodeOutcome.OtherCluster, Open(renamed, keyring));
        Assert.Equal(DecodeOutcome.CannotOpen, Open([.. renamed[..10], .. packet[10..]], keyring, "psstD"));
        Assert.Equal(DecodeOutcome.CannotOpen, Open(spliced, keyring));
    }

    [Fact]
    public void OtherCluster_UnknownVersion_ForeignBytes_AreNamed()
    {
        var packet = Write("lab");
        var future = Write();
        future[2] = 99;

        Assert.Equal(DecodeOutcome.OtherCluster, Open(packet));
        Assert.Equal(DecodeOutcome.UnsupportedVersion, Open(future));
        Assert.Equal(DecodeOutcome.NotPsstd, Open("GET / HTTP/1.1\r\n"u8.ToArray()));
        Assert.Equal(DecodeOutcome.NotPsstd, Open([]));
    }

    [Fact]
    public void ClusterName_IsComparedByItsBytes_AndNotUtf8_IsMalformed()
    {
        var longName = new string('é', 127); // 254 bytes of UTF-8: the longest name of whole characters a packet holds
        var prefix = Write("psstd-b");
        var notUtf8 = Write("psstd");
        notUtf8[5] = 0xC3; // a lead byte followed by 's': not UTF-8

        Assert.Equal(DecodeOutcome.Accepted, Open(Write(longName), cluster: longName));
        Assert.Equal(DecodeOutcome.OtherCluster, Open(Write(longName), cluster: longName + "é"));
        Assert.Equal(DecodeOutcome.OtherCluster, Open(prefix));
        Assert.Equal(DecodeOutcome.OtherCluster, Open(Write("psst")));
        Assert.Equal(DecodeOutcome.OtherCluster, Open(Write("PSSTD")));
        Assert.Equal(DecodeOutcome.Malformed, Open(notUtf8));
    }

    [Fact]
    public void UnknownMessageKind_IsMalformed()
    {
        var buffer = new byte[PacketCodec.MaxDatagramBytes];
        foreach (var kind in new byte[] { 0, 11, 255 })
        {
            var length = PacketCodec.Write("psstd", null, (MessageKind)kind, Payload, buffer);
            Assert.Equal(DecodeOutcome.Malformed, Open(buffer[..length]));
        }

        foreach (var kind in Enum.GetValues<MessageKind>())
        {
            var length = PacketCodec.Write("psstd", null, kind, Payload, buffer);
            Assert.Equal(DecodeOutcome.Accepted, Open(buffer[..length]));
        }
    }

    [Fact]
    public void RandomBytes_NeverThrow_AndNeverOpenAKeyedPacket()
    {
        using var keyring = Keyring(RandomNumberGenerator.GetBytes(32));
        var random = new Random(11);
        var original = Write(keyring: keyring);
        for (var round = 0; round < 5_000; round++)
        {
            var packet = (byte[])original.Clone();
            packet[random.Next(packet.Length)] ^= (byte)random.Next(1, 256);
            Assert.NotEqual(DecodeOutcome.Accepted, Open(packet, keyring));
        }
    }
}
