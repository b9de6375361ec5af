using Psstd.Dashboard.AgentClient;

namespace Psstd.Tests.Support;

/// <summary>An HTTP client for an agent's local API over its Unix socket, with the dashboard's own handler.</summary>
public static class AgentSocket
{
    public static HttpClient Client(string socketPath) => new(AgentSocketHandler.Create(socketPath))
    {
        BaseAddress = AgentSocketHandler.BaseAddress,
        Timeout = TimeSpan.FromSeconds(3),
    };
}
