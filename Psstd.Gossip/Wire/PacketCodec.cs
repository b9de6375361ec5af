using System.Text;

namespace Psstd.Gossip.Wire;

/// <summary>
/// The packet around every gossip message: magic, wire version, flags, cluster name, then the body
/// (message kind and payload), sealed with AES-256-GCM when the cluster has a key.
/// </summary>
/// <remarks>
/// The header stays in clear so a receiver can count packets of another cluster or version without
/// any key; it is authenticated as associated data when sealed, so it cannot be altered either. The
/// version is checked before anything else is read. Nothing here throws on any input.
/// </remarks>
public static class PacketCodec
{
    public const byte WireVersion = 1;

    /// <summary>Datagrams stay within this size: no fragmentation on any usual path.</summary>
    public const int MaxDatagramBytes = 1200;

    private const byte Magic0 = (byte)'p';
    private const byte Magic1 = (byte)'s';
    private const byte SealedFlag = 1;

    /// <summary>Bytes a packet needs besides its payload.</summary>
    public static int Overhead(string cluster, GossipKeyring? keyring) =>
        5 + Encoding.UTF8.GetByteCount(cluster) + 1 + (keyring is null ? 0 : GossipKeyring.Overhead);

    /// <summary>Writes a whole packet; returns its length, or 0 when it does not fit <paramref name="destination"/>.</summary>
    internal static int Write(string cluster, GossipKeyring? keyring, MessageKind kind, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        var w = new SpanWriter(destination);
        w.Byte(Magic0);
        w.Byte(Magic1);
        w.Byte(WireVersion);
        w.Byte(keyring is null ? (byte)0 : SealedFlag);
        w.ShortString(cluster);
        if (w.Overflowed)
        {
            return 0;
        }

        var headerLength = w.Position;
        if (keyring is null)
        {
            w.Byte((byte)kind);
            w.Bytes(payload);
            return w.Overflowed ? 0 : w.Position;
        }

        // Datagrams seal from the stack; stream frames (StreamFrames.MaxFrameBytes) are larger and rarer.
        Span<byte> body = payload.Length < MaxDatagramBytes ? stackalloc byte[MaxDatagramBytes] : new byte[payload.Length + 1];
        if (payload.Length + 1 > StreamFrames.MaxFrameBytes)
        {
            return 0;
        }

        body[0] = (byte)kind;
        payload.CopyTo(body[1..]);
        var sealedLength = keyring.Seal(destination[..headerLength], body[..(payload.Length + 1)], destination[headerLength..]);
        return sealedLength == 0 ? 0 : headerLength + sealedLength;
    }

    /// <summary>
    /// Checks and opens a packet. On <see cref="DecodeOutcome.Accepted"/>, <paramref name="payload"/> is the
    /// body after the kind byte, in <paramref name="packet"/> or, when sealed, in <paramref name="scratch"/>.
    /// </summary>
    internal static DecodeOutcome Open(
        ReadOnlySpan<byte> packet, string cluster, GossipKeyring? keyring, Span<byte> scratch, out MessageKind kind, out ReadOnlySpan<byte> payload)
    {
        kind = default;
        payload = default;
        var r = new SpanReader(packet);
        if (packet.Length < 5 || r.Byte() != Magic0 || r.Byte() != Magic1)
        {
            return DecodeOutcome.NotPsstd;
        }

        if (r.Byte() != WireVersion)
        {
            return DecodeOutcome.UnsupportedVersion;
        }

        var flags = r.Byte();
        var packetCluster = r.ShortString();
        if (r.Failed || (flags & ~SealedFlag) != 0)
        {
            return DecodeOutcome.Malformed;
        }

        if (!string.Equals(packetCluster, cluster, StringComparison.Ordinal))
        {
            return DecodeOutcome.OtherCluster;
        }

        var header = packet[..r.Position];
        var rest = packet[r.Position..];
        ReadOnlySpan<byte> body;
        if ((flags & SealedFlag) == 0)
        {
            if (keyring is not null)
            {
                return DecodeOutcome.NotSealed;
            }

            body = rest;
        }
        else
        {
            var length = keyring?.Open(header, rest, scratch) ?? -1;
            if (length < 0)
            {
                return DecodeOutcome.CannotOpen;
            }

            body = scratch[..length];
        }

        if (body.IsEmpty || !Enum.IsDefined((MessageKind)body[0]))
        {
            return DecodeOutcome.Malformed;
        }

        kind = (MessageKind)body[0];
        payload = body[1..];
        return DecodeOutcome.Accepted;
    }
}
