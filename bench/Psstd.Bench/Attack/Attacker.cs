using System.Net;
using System.Net.Sockets;
using Psstd.Contracts;
using Psstd.Gossip.Wire;

namespace Psstd.Bench.Attack;

/// <summary>
/// A stranger on the network who speaks the wire format: unsealed packets of the default cluster from a UDP
/// socket bound to an address of its choosing (on loopback the bench owns every 127.x address, so the source
/// is real, not spoofed). Counts what it sends.
/// </summary>
internal sealed class Attacker(IPEndPoint source, byte wire) : IDisposable
{
    private readonly Socket _socket = Bound(source);

    public long BytesSent { get; private set; }

    public IPEndPoint Source => source;

    public Socket Socket => _socket;

    /// <summary>A record as its node would write it, any field forged.</summary>
    public static byte[] Record(Guid id, string name, long generation, long sequence, string gossip, string dashboard, bool forgotten = false) =>
        RecordCodec.ToBytes(new NodeRecord(id, name, generation, sequence, "0.2.0", TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(15), dashboard, gossip, NodeMetrics.Empty) { Forgotten = forgotten });

    /// <summary>Records as news, as many datagrams as they need.</summary>
    public void SendRecords(IPEndPoint to, IReadOnlyList<byte[]> records)
    {
        var payload = new byte[PacketCodec.MaxDatagramBytes - 64];
        var batches = new RecordBatches(records, payload);
        while (batches.MoveNext())
        {
            Send(to, MessageKind.Records, batches.Payload);
        }
    }

    public void Send(IPEndPoint to, MessageKind kind, ReadOnlySpan<byte> payload)
    {
        var packet = new byte[PacketCodec.MaxDatagramBytes];
        var length = PacketCodec.Write(wire, "psstd", null, kind, payload, packet);
        BytesSent += _socket.SendTo(packet.AsSpan(0, length), SocketFlags.None, to);
    }

    public void Dispose() => _socket.Dispose();

    private static Socket Bound(IPEndPoint source)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(source);
        return socket;
    }
}
