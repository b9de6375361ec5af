using System.Buffers.Binary;

namespace Psstd.Gossip.Wire;

/// <summary>Why a gossip stream (TCP) connection was cut; each reason has its own counter.</summary>
public enum StreamDrop
{
    /// <summary>A frame announced more than <see cref="StreamFrames.MaxFrameBytes"/>.</summary>
    FrameTooLarge,

    /// <summary>A frame of length zero: nothing a peer of ours sends.</summary>
    EmptyFrame,

    /// <summary>More than <see cref="StreamFrames.MaxFramesPerConnection"/> frames on one connection.</summary>
    TooManyFrames,

    /// <summary>The connection ended inside a frame.</summary>
    Truncated,

    /// <summary>The peer was too slow: the connection outlived its time limit.</summary>
    TimedOut,

    /// <summary>Refused at once: as many connections as allowed were already open.</summary>
    TooManyConnections,

    /// <summary>Refused at once: the source has not proved its gossip address to this node, nor was it asked anything.</summary>
    NotMember,

    /// <summary>Refused at once: this source already has as many streams open as one source may.</summary>
    TooManyFromSource,

    /// <summary>The peer connected and then sent nothing within <see cref="StreamFrames.FirstByteTimeout"/>.</summary>
    Idle,
}

/// <summary>
/// Gossip over a stream (TCP, on the gossip port): a sequence of frames, each a 4-byte big-endian
/// length and one packet exactly as <see cref="PacketCodec"/> writes it (magic, version, cluster name,
/// sealed body). Only messages too large for one datagram travel this way: bulk and digest sync.
/// </summary>
/// <remarks>The limits bound what one peer can make this agent hold: one frame at a time per connection, a few connections.</remarks>
public static class StreamFrames
{
    /// <summary>The largest frame accepted (and written): room for 127 records, or a few thousand digest entries.</summary>
    public const int MaxFrameBytes = 64 * 1024;

    /// <summary>Frames one connection may carry: 512 frames of 127 records is far more than any cluster's state.</summary>
    public const int MaxFramesPerConnection = 512;

    /// <summary>Connections served at once; more are closed at once and counted.</summary>
    public const int MaxConnections = 8;

    /// <summary>A connection's whole life, sender and receiver alike: a stalled peer cannot hold a slot.</summary>
    public static readonly TimeSpan ConnectionTimeout = TimeSpan.FromSeconds(10);

    /// <summary>A stream must start within this: a peer that connects to answer has its frames ready.</summary>
    public static readonly TimeSpan FirstByteTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Streams one source address may have open at once, so a few idle connections cannot take every slot.</summary>
    public const int MaxConnectionsPerSource = 2;

    public const int PrefixBytes = 4;

    /// <summary>Frames as one byte stream: each packet with its length in front.</summary>
    public static byte[] Join(IReadOnlyList<byte[]> packets)
    {
        ArgumentNullException.ThrowIfNull(packets);
        var stream = new byte[packets.Sum(p => PrefixBytes + p.Length)];
        var position = 0;
        foreach (var packet in packets)
        {
            BinaryPrimitives.WriteUInt32BigEndian(stream.AsSpan(position), (uint)packet.Length);
            packet.CopyTo(stream, position + PrefixBytes);
            position += PrefixBytes + packet.Length;
        }

        return stream;
    }
}

/// <summary>Handles one complete frame.</summary>
public delegate void FrameHandler(ReadOnlySpan<byte> frame);

/// <summary>
/// Cuts a stream into frames as bytes arrive, in any pieces: the same code serves real TCP connections
/// and the simulator's in-memory streams. Holds at most one frame, of at most the frame limit.
/// Pure; never throws on any input.
/// </summary>
public sealed class StreamFrameReader
{
    private readonly byte[] _prefix = new byte[StreamFrames.PrefixBytes];
    private int _prefixFilled;
    private byte[]? _frame;
    private int _frameFilled;

    public int Frames { get; private set; }

    /// <summary>Set once the stream broke a rule; every later byte is ignored.</summary>
    public StreamDrop? Dropped { get; private set; }

    /// <summary>True when the stream ended between frames (what a well-behaved peer does).</summary>
    public bool AtFrameBoundary => _prefixFilled == 0 && _frame is null;

    /// <summary>Takes the next bytes; calls <paramref name="onFrame"/> for each completed frame. False once the stream is dropped.</summary>
    public bool Feed(ReadOnlySpan<byte> data, FrameHandler onFrame)
    {
        ArgumentNullException.ThrowIfNull(onFrame);
        while (!data.IsEmpty && Dropped is null)
        {
            if (_frame is null)
            {
                var take = Math.Min(data.Length, StreamFrames.PrefixBytes - _prefixFilled);
                data[..take].CopyTo(_prefix.AsSpan(_prefixFilled));
                _prefixFilled += take;
                data = data[take..];
                if (_prefixFilled < StreamFrames.PrefixBytes)
                {
                    break;
                }

                _prefixFilled = 0;
                var length = BinaryPrimitives.ReadUInt32BigEndian(_prefix);
                Dropped = length == 0 ? StreamDrop.EmptyFrame
                    : length > StreamFrames.MaxFrameBytes ? StreamDrop.FrameTooLarge
                    : Frames >= StreamFrames.MaxFramesPerConnection ? StreamDrop.TooManyFrames
                    : null;
                if (Dropped is null)
                {
                    _frame = new byte[length];
                    _frameFilled = 0;
                }

                continue;
            }

            var chunk = Math.Min(data.Length, _frame.Length - _frameFilled);
            data[..chunk].CopyTo(_frame.AsSpan(_frameFilled));
            _frameFilled += chunk;
            data = data[chunk..];
            if (_frameFilled == _frame.Length)
            {
                var frame = _frame;
                _frame = null;
                Frames++;
                onFrame(frame);
            }
        }

        return Dropped is null;
    }

    /// <summary>The stream ended: a frame cut short is a drop of its own.</summary>
    public void End()
    {
        if (Dropped is null && !AtFrameBoundary)
        {
            Dropped = StreamDrop.Truncated;
        }
    }
}
