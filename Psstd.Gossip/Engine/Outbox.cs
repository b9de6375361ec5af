using System.Buffers;
using System.Net;
using Psstd.Gossip.Wire;
using Psstd.Gossip.Telemetry;

namespace Psstd.Gossip.Engine;

/// <summary>
/// The one way a packet or stream frame leaves the engine: sealed as the cluster is configured, charged to
/// the <see cref="SendBudget"/>, handed to the transport and counted.
/// </summary>
internal sealed class Outbox
{
    private readonly GossipOptions _options;
    private readonly IGossipTransport _transport;
    private readonly GossipMetrics _counters;
    private readonly SendBudget _budget;
    private readonly byte[] _packet = new byte[PacketCodec.MaxDatagramBytes];
    private readonly byte[] _previous = new byte[StreamFrames.MaxFrameBytes];
    private readonly PeerWireVersions _versions = new();
    private readonly Action<long> _streamed;
    private long _streamedBytes; // streams that connected since the last refill, charged then (written from transport threads)

    public Outbox(GossipOptions options, IGossipTransport transport, GossipMetrics counters, TimeProvider time)
    {
        _options = options;
        _transport = transport;
        _counters = counters;
        _budget = new SendBudget(time, options.BandwidthBytesPerSecond);
        var overhead = PacketCodec.Overhead(options.Cluster, options.Keyring);
        DatagramCapacity = PacketCodec.MaxDatagramBytes - overhead;
        FrameCapacity = StreamFrames.MaxFrameBytes - overhead;
        _streamed = bytes => Interlocked.Add(ref _streamedBytes, bytes);
    }

    /// <summary>Payload bytes one datagram carries after the packet header (and seal).</summary>
    public int DatagramCapacity { get; }

    /// <summary>Payload bytes one stream frame carries after the packet header (and seal).</summary>
    public int FrameCapacity { get; }

    /// <summary>Refills the budget, and charges it for the streams that connected since the last refill.</summary>
    public void Refill(long now)
    {
        _budget.Refill(now);
        _budget.Charge((int)Math.Min(int.MaxValue, Interlocked.Exchange(ref _streamedBytes, 0)));
    }

    /// <summary>True unless <paramref name="target"/> was heard speaking only the previous wire version.</summary>
    public bool SpeaksCurrent(IPEndPoint target) => _versions.For(target) == PacketCodec.WireVersion;

    /// <summary>A packet of <paramref name="version"/> opened from <paramref name="from"/>: answer it in that version.</summary>
    public void Heard(IPEndPoint from, byte version) => _versions.Heard(from, version);

    /// <summary>
    /// Sends one datagram. Returns false, sending nothing, when it does not fit a datagram, or when the
    /// budget is spent and <paramref name="overBudget"/> is false.
    /// </summary>
    public bool Send(IPEndPoint target, MessageKind kind, ReadOnlySpan<byte> payload, bool overBudget)
    {
        var version = _versions.For(target);
        var length = PacketCodec.Write(version, _options.Cluster, _options.Keyring, kind, ForVersion(version, kind, payload), _packet);
        if (length == 0 || (!overBudget && !_budget.Allows(length)))
        {
            return false;
        }

        _budget.Charge(length);
        _transport.Send(target, _packet.AsSpan(0, length));
        _counters.PacketOut(length);
        return true;
    }

    /// <summary>One sealed packet for a stream to <paramref name="target"/>, counted now; charged when the stream connects.</summary>
    public byte[] Frame(IPEndPoint target, MessageKind kind, ReadOnlySpan<byte> payload)
    {
        var sealedFrame = ArrayPool<byte>.Shared.Rent(StreamFrames.MaxFrameBytes);
        var version = _versions.For(target);
        var length = PacketCodec.Write(version, _options.Cluster, _options.Keyring, kind, ForVersion(version, kind, payload), sealedFrame.AsSpan(0, StreamFrames.MaxFrameBytes));
        var frame = sealedFrame.AsSpan(0, length).ToArray();
        ArrayPool<byte>.Shared.Return(sealedFrame);
        _counters.PacketOut(length);
        return frame;
    }

    /// <summary>The payload as a peer of <paramref name="version"/> reads it: records without extension for the previous version.</summary>
    private ReadOnlySpan<byte> ForVersion(byte version, MessageKind kind, ReadOnlySpan<byte> payload)
    {
        if (version == PacketCodec.WireVersion || payload.Length > _previous.Length)
        {
            return payload;
        }

        var length = PreviousVersionPayload.Rewrite(kind, payload, _previous);
        return length < 0 ? payload : _previous.AsSpan(0, length);
    }

    /// <summary>
    /// Sends frames made by <see cref="Frame"/> over one stream, in order; nothing when there are none. Streams
    /// carry anti-entropy, which its own pace bounds, so they go past the budget, and their bytes are charged as
    /// debt once the target takes the connection (a refused stream costs nothing).
    /// </summary>
    public void Stream(IPEndPoint target, List<byte[]> frames)
    {
        if (frames.Count > 0)
        {
            _transport.SendStream(target, frames, _streamed);
            _counters.StreamOut();
        }
    }
}
