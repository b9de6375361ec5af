using System.Net.Sockets;

namespace Psstd.ClusterView;

/// <summary>
/// HTTP over the agent's Unix socket, BCL only: every connection the handler opens is a Unix domain
/// socket to the agent, whatever host the request names, and on Linux only to an agent run by a user
/// <see cref="UnixOwnership.MayServe"/> trusts.
/// </summary>
public static class LocalApiSocket
{
    /// <summary>Any host name will do: the connect callback ignores it, but HTTP/1.1 needs a Host header.</summary>
    public static Uri BaseAddress { get; } = new("http://psstd-agent/");

    public static SocketsHttpHandler CreateHandler(string socketPath)
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
                    await socket.ConnectAsync(endPoint, cancellationToken).ConfigureAwait(false);
                    if (OperatingSystem.IsLinux() && UnixOwnership.PeerUser(socket) is var server && !UnixOwnership.MayServe(server, socketPath))
                    {
                        throw new UntrustedAgentException(socketPath, server);
                    }

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

    /// <summary>A client whose requests all go to the agent on <paramref name="socketPath"/>.</summary>
    public static HttpClient CreateClient(string socketPath, TimeSpan timeout) => new(CreateHandler(socketPath))
    {
        BaseAddress = BaseAddress,
        Timeout = timeout,
    };
}
