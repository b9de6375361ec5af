using Psstd.Contracts;
using Psstd.ClusterView;

namespace Psstd.Tests.Support;

/// <summary>An HTTP client for an agent's local API over its Unix socket, with the handler agent and dashboard use.</summary>
public static class AgentSocket
{
    /// <summary>
    /// Generous: a test machine running several agents on two cores can keep one answer waiting a few
    /// seconds, and a read that times out fails the test instead of telling anything about psstd.
    /// </summary>
    public static HttpClient Client(string socketPath) => LocalApiSocket.CreateClient(socketPath, TimeSpan.FromSeconds(10));
}
