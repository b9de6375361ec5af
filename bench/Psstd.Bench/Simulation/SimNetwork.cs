using System.Net;
using Psstd.Gossip.Wire;

namespace Psstd.Bench.Simulation;

/// <summary>
/// Datagrams between simulated nodes: delivered after a delay, lost with a probability, dropped between
/// the two sides of a partition. Addresses are only names here; nothing touches a real network.
/// </summary>
public sealed class SimNetwork(SimOptions options, Random random)
{
    private readonly Dictionary<IPEndPoint, SimNode> _nodes = [];
    private readonly Stack<Delivery> _spare = [];

    /// <summary>When set, the side (0 or 1) of each node; packets across sides are dropped.</summary>
    public Func<SimNode, int>? Side { get; set; }

    public long Delivered { get; private set; }

    /// <summary>Bytes sent (delivered or lost) by message kind, streams as one line: where a run's traffic goes.</summary>
    public Dictionary<string, long> BytesByKind { get; } = [];

    public long Lost { get; private set; }

    private static string KindOf(ReadOnlySpan<byte> packet)
    {
        var kindAt = 5 + (packet.Length > 4 ? packet[4] : 0); // magic, version, flags, cluster name length, name
        return packet.Length > kindAt && (packet[3] & 1) == 0 ? ((MessageKind)packet[kindAt]).ToString() : "Sealed";
    }

    private void Count(string kind, int bytes) => BytesByKind[kind] = BytesByKind.GetValueOrDefault(kind) + bytes;

    public void Attach(SimNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        _nodes.Add(node.Address, node);
    }

    public void Send(SimNode from, IPEndPoint to, ReadOnlySpan<byte> packet, SimScheduler events)
    {
        ArgumentNullException.ThrowIfNull(events);
        Count(KindOf(packet), packet.Length);
        if (!_nodes.TryGetValue(to, out var target) || (options.Loss > 0 && random.NextDouble() < options.Loss)
            || (Side is { } side && side(from) != side(target)))
        {
            Lost++;
            return;
        }

        Delivered++;
        var delivery = _spare.Count > 0 ? _spare.Pop() : new Delivery(this);
        delivery.Load(target, from.Address, packet);
        events.At(events.Now + options.Delay.Ticks, delivery);
    }

    /// <summary>
    /// An in-memory stream: the frames as the agent's TCP client writes them, arriving together after a
    /// handshake and the data (three one-way delays), cut into frames by the agent's own reader. Streams
    /// are reliable (TCP retransmits); a partition or a dead peer refuses them.
    /// </summary>
    /// <param name="connected">Told the stream's bytes when the target is reachable (a real connection would be made).</param>
    public void SendStream(SimNode from, IPEndPoint to, IReadOnlyList<byte[]> packets, Action<long> connected, SimScheduler events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (!_nodes.TryGetValue(to, out var target) || (Side is { } side && side(from) != side(target)))
        {
            Lost++;
            return;
        }

        Streams++;
        var stream = StreamFrames.Join(packets);
        Count("Stream", stream.Length);
        connected(stream.Length);
        events.At(events.Now + (3 * options.Delay.Ticks), () => target.DeliverStream(stream));
    }

    public long Streams { get; private set; }

    /// <summary>One datagram in flight; back to the spares once delivered, so a run does not allocate per datagram.</summary>
    private sealed class Delivery(SimNetwork network) : ISimEvent
    {
        private SimNode? _target;
        private IPEndPoint? _from;
        private byte[] _bytes = [];
        private int _length;

        public void Load(SimNode target, IPEndPoint from, ReadOnlySpan<byte> packet)
        {
            _target = target;
            _from = from;
            if (_bytes.Length < packet.Length)
            {
                _bytes = new byte[Math.Max(packet.Length, PacketCodec.MaxDatagramBytes)];
            }

            packet.CopyTo(_bytes);
            _length = packet.Length;
        }

        public void Run()
        {
            var target = _target!;
            var from = _from!;
            _target = null;
            _from = null;
            target.Deliver(_bytes.AsSpan(0, _length), from);
            network._spare.Push(this);
        }
    }
}
