using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Psstd.Agent.Configuration;

namespace Psstd.Agent.LocalApi;

/// <summary>
/// Stands in for Kestrel when the OS cannot make a Unix socket: the agent then serves no local API at
/// all. Kestrel with no endpoint would fall back to a TCP port on localhost, which the agent never opens.
/// </summary>
internal sealed partial class NoListenerServer(ILogger<NoListenerServer> logger, AgentSettings settings) : IServer
{
    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        NoSocket(logger, settings.SocketPath);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }

    [LoggerMessage(EventId = 1801, Level = LogLevel.Warning, Message = "This OS cannot create Unix sockets (AF_UNIX), so the local API at {Socket} is not served: the terminal view, CLI and dashboard cannot reach this agent here. Gossip goes on and peers see this node")]
    private static partial void NoSocket(ILogger logger, string socket);
}
