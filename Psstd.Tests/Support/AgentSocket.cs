using System.Net.Sockets;

namespace Psstd.Tests.Support;

/// <summary>An HTTP client for an agent's local API over its Unix socket, as the dashboard reaches it.</summary>
public static class AgentSocket
{
    public static HttpClient Client(string socketPath) => new(new SocketsHttpHandler
    {
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            try
            {
                await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        },
    })
    {
        BaseAddress = new Uri("http://psstd-agent/"),
        Timeout = TimeSpan.FromSeconds(3),
    };
}
