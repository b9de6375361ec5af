using System.Buffers.Binary;
using System.Text;

namespace Psstd.Gossip.Wire;

/// <summary>
/// The packet around every gossip message: magic, wire version, flags, cluster name, then (sealed) the
/// sender's salt and counter, then the body (message kind and payload), sealed with AES-256-GCM when the
/// cluster has a key (<see cref="GossipKeyring"/>).
/// </summary>
/// <remarks>
/// The header stays in clear so a receiver can count packets of another cluster or version without any
/// key; it is authenticated as associated data when sealed, so it cannot be altered either. The version is
/// checked before anything else is read. Version 3 packets are laid out as version 2 packets; what differs is
/// the records inside, which may carry an extension (<see cref="RecordExtension"/>). Version 2 is opened and
/// written too, for one release, so a cluster upgrades one node at a time: a peer heard speaking it gets its
/// records without extension (<see cref="RecordCodec.WriteWithoutExtension"/>). Version 1 (sealed without salt,
/// counter or replay window), the previous release's previous version, is no longer spoken. Nothing here throws
/// on any input.
/// </remarks>
public static class PacketCodec
{
    /// <summary>The version this agent writes.</summary>
    public const byte WireVersion = 3;

    /// <summary>The previous version, still opened and written to peers that speak only it.</summary>
    public const byte PreviousWireVersion = 2;

    /// <summary>Datagrams stay within this size: no fragmentation on any usual path.</summary>
    public const int MaxDatagramBytes = 1200;

    private const byte Magic0 = (byte)'p';
    private const byte Magic1 = (byte)'s';
    private const byte SealedFlag = 1;

    /// <summary>Bytes a packet needs besides its payload.</summary>
    public static int Overhead(string cluster, GossipKeyring? keyring) =>
        5 + Encoding.UTF8.GetByteCount(cluster) + 1 + (keyring is null ? 0 : GossipKeyring.Overhead);

    // Which kind bytes name a message, looked up once: Enum.IsDefined on every packet goes through the enum's
    // reflection data in the NativeAOT agent (a share of each datagram's cost in its profile, bench/RESULTS.md).
    private static readonly bool[] KnownKinds = KindTable();

    private static bool[] KindTable()
    {
        var known = new bool[256];
        foreach (var kind in Enum.GetValues<MessageKind>())
        {
            known[(byte)kind] = true;
        }

        return known;
    }

    /// <summary>Writes a whole packet of the current version; returns its length, or 0 when it does not fit <paramref name="destination"/>.</summary>
    internal static int Write(string cluster, GossipKeyring? keyring, MessageKind kind, ReadOnlySpan<byte> payload, Span<byte> destination) =>
        Write(WireVersion, cluster, keyring, kind, payload, destination);

    /// <summary>Writes a whole packet of <paramref name="version"/>; returns its length, or 0 when it does not fit.</summary>
    internal static int Write(byte version, string cluster, GossipKeyring? keyring, MessageKind kind, ReadOnlySpan<byte> payload, Span<byte> destination)
    {
        var w = new SpanWriter(destination);
        w.Byte(Magic0);
        w.Byte(Magic1);
        w.Byte(version);
        w.Byte(keyring is null ? (byte)0 : SealedFlag);
        w.ShortString(cluster);
        if (keyring is null)
        {
            w.Byte((byte)kind);
            w.Bytes(payload);
            return w.Overflowed ? 0 : w.Position;
        }

        if (payload.Length + 1 > StreamFrames.MaxFrameBytes)
        {
            return 0;
        }

        var counter = keyring.NextCounter();
        w.Bytes(keyring.Salt);
        Span<byte> counterBytes = stackalloc byte[GossipKeyring.CounterBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(counterBytes, counter);
        w.Bytes(counterBytes);

        if (w.Overflowed)
        {
            return 0;
        }

        // Datagrams seal from the stack; stream frames (StreamFrames.MaxFrameBytes) are larger and rarer.
        var headerLength = w.Position;
        Span<byte> body = payload.Length < MaxDatagramBytes ? stackalloc byte[MaxDatagramBytes] : new byte[payload.Length + 1];
        body[0] = (byte)kind;
        payload.CopyTo(body[1..]);
        var header = destination[..headerLength];
        var sealedPart = destination[headerLength..];
        var sealedLength = keyring.Seal(counter, header, body[..(payload.Length + 1)], sealedPart);
        return sealedLength == 0 ? 0 : headerLength + sealedLength;
    }

    /// <summary>Checks and opens a packet without a replay window (tests and tools).</summary>
    internal static DecodeOutcome Open(
        ReadOnlySpan<byte> packet, string cluster, GossipKeyring? keyring, Span<byte> scratch, out MessageKind kind, out ReadOnlySpan<byte> payload) =>
        Open(packet, cluster, keyring, null, scratch, out kind, out payload, out _);

    /// <summary>
    /// Checks and opens a packet. On <see cref="DecodeOutcome.Accepted"/>, <paramref name="payload"/> is the
    /// body after the kind byte, in <paramref name="packet"/> or, when sealed, in <paramref name="scratch"/>,
    /// and <paramref name="version"/> the wire version it came in. A sealed packet whose counter
    /// <paramref name="replay"/> has seen from the same sender is <see cref="DecodeOutcome.Replayed"/>.
    /// </summary>
    internal static DecodeOutcome Open(
        ReadOnlySpan<byte> packet, string cluster, GossipKeyring? keyring, ReplayGuard? replay, Span<byte> scratch,
        out MessageKind kind, out ReadOnlySpan<byte> payload, out byte version)
    {
        kind = default;
        payload = default;
        var r = new SpanReader(packet);
        if (packet.Length < 5 || r.Byte() != Magic0 || r.Byte() != Magic1)
        {
            version = 0;
            return DecodeOutcome.NotPsstd;
        }

        version = r.Byte();
        if (version is not (WireVersion or PreviousWireVersion))
        {
            return DecodeOutcome.UnsupportedVersion;
        }

        var flags = r.Byte();
        var sameCluster = r.ShortStringIs(cluster);
        if (r.Failed || (flags & ~SealedFlag) != 0)
        {
            return DecodeOutcome.Malformed;
        }

        if (!sameCluster)
        {
            return DecodeOutcome.OtherCluster;
        }

        ReadOnlySpan<byte> body;
        if ((flags & SealedFlag) == 0)
        {
            if (keyring is not null)
            {
                return DecodeOutcome.NotSealed;
            }

            body = packet[r.Position..];
        }
        else if (keyring is null)
        {
            return DecodeOutcome.CannotOpen;
        }
        else
        {
            var outcome = OpenSealed(packet, ref r, keyring, replay, scratch, out var length);
            if (outcome != DecodeOutcome.Accepted)
            {
                return outcome;
            }

            body = scratch[..length];
        }

        if (body.IsEmpty || !KnownKinds[body[0]])
        {
            return DecodeOutcome.Malformed;
        }

        kind = (MessageKind)body[0];
        payload = body[1..];
        return DecodeOutcome.Accepted;
    }

    private static DecodeOutcome OpenSealed(
        ReadOnlySpan<byte> packet, ref SpanReader r, GossipKeyring keyring, ReplayGuard? replay, Span<byte> scratch, out int length)
    {
        length = -1;
        var salt = r.Bytes(GossipKeyring.SaltBytes);
        var counterBytes = r.Bytes(GossipKeyring.CounterBytes);
        if (r.Failed)
        {
            return DecodeOutcome.Malformed;
        }

        var counter = BinaryPrimitives.ReadUInt64LittleEndian(counterBytes);
        var sender = replay?.Find(salt);
        if (sender is not null && !sender.Window.MayAccept(counter))
        {
            return DecodeOutcome.Replayed;
        }

        var keys = sender?.Keys ?? keyring.SubkeysFor(salt);
        length = GossipKeyring.Open(keys, counter, packet[..r.Position], packet[r.Position..], scratch);
        if (length < 0)
        {
            if (sender is null)
            {
                foreach (var key in keys)
                {
                    key.Dispose();
                }
            }

            return DecodeOutcome.CannotOpen;
        }

        if (replay is not null)
        {
            sender ??= replay.Add(salt, keys);
            sender.Window.Mark(counter);
            replay.Touch(sender);
        }
        else
        {
            foreach (var key in keys)
            {
                key.Dispose();
            }
        }

        return DecodeOutcome.Accepted;
    }
}
