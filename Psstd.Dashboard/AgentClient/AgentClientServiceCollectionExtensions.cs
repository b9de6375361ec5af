using Psstd.Contracts;
using Psstd.Dashboard.Configuration;
using Psstd.ClusterView;

namespace Psstd.Dashboard.AgentClient;

public static class AgentClientServiceCollectionExtensions
{
    /// <summary>Registers <see cref="IAgentClient"/> over the agent's socket and the <c>agent</c> health check.</summary>
    public static IServiceCollection AddAgentClient(this IServiceCollection services, DashboardSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        services.AddSingleton<AgentReachability>();
        services.AddHttpClient<IAgentClient, AgentClient>(client =>
            {
                client.BaseAddress = LocalApiSocket.BaseAddress;
                client.Timeout = settings.AgentTimeout;
            })
            .ConfigurePrimaryHttpMessageHandler(() => LocalApiSocket.CreateHandler(settings.SocketPath))

            // One handler for the process's life. The factory's default replaces it every two minutes so that DNS
            // changes are seen; a Unix socket path has no DNS, and each replacement cost a new connection, a new
            // handler chain and the factory's cleanup timer waking every 10 s until the old one was collected
            // (bench/RESULTS.md, the lean dashboard). The socket handler's own idle timeout still drops connections
            // a restarted agent left dead.
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan)

            // Every open page polls every two seconds; the factory's per-request logs would bury everything
            // else. AgentClient logs the failures that matter itself.
            .RemoveAllLoggers();
        services.AddHealthChecks().AddCheck<AgentHealthCheck>("agent");
        return services;
    }
}
