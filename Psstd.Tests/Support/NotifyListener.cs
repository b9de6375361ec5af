using System.Net.Sockets;
using System.Text;

namespace Psstd.Tests.Support;

/// <summary>Stands in for systemd's NOTIFY_SOCKET: a bound Unix datagram socket whose messages tests read.</summary>
public sealed class NotifyListener : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);

    /// <param name="address">A file path, or "\0name" for the abstract namespace.</param>
    public NotifyListener(string address) => _socket.Bind(new UnixDomainSocketEndPoint(address));

    /// <summary>Whether a datagram is waiting that was not read yet.</summary>
    public bool HasPending => _socket.Available > 0;

    /// <summary>The next datagram as text; throws <see cref="TimeoutException"/> when none comes in time.</summary>
    public async Task<string> ReceiveAsync(TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var buffer = new byte[512];
        try
        {
            var length = await _socket.ReceiveAsync(buffer, SocketFlags.None, deadline.Token);
            return Encoding.ASCII.GetString(buffer, 0, length);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            throw new TimeoutException($"no notification within {timeout.TotalSeconds:0}s");
        }
    }

    public void Dispose() => _socket.Dispose();
}
