using System.Net.Sockets;

namespace Psstd.Dashboard.AgentClient;

/// <summary>An HTTP handler whose every connection is a Unix domain socket to the agent.</summary>
public static class AgentSocketHandler
{
    /// <summary>Any host name will do: the connect callback ignores it, but HTTP/1.1 needs a Host header.</summary>
    public static Uri BaseAddress { get; } = new("http://psstd-agent/");

    public static SocketsHttpHandler Create(string socketPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(socketPath);
        var endPoint = new UnixDomainSocketEndPoint(socketPath);
        return new SocketsHttpHandler
        {
            // A restarted agent leaves pooled connections dead; keep idle ones briefly so a restart heals fast.
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(10),
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(endPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
    }
}
