using Psstd.Agent.Configuration;
using Psstd.Agent.Events;

namespace Psstd.Agent.Store;

internal static class StoreExtensions
{
    /// <summary>
    /// Registers the store's writer (which opens <c>psstd.db</c> in the state directory when the host
    /// starts, before gossip and the heartbeat run), its status and its health check. Nothing is opened here.
    /// </summary>
    public static WebApplicationBuilder AddStore(this WebApplicationBuilder builder, AgentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        builder.Services.AddSingleton<StoreStatus>();
        builder.Services.AddSingleton<EventJournal>();
        builder.Services.AddSingleton<StoreWriter>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<StoreWriter>());
        builder.Services.AddSingleton<Heartbeat.IHeartbeatFollower>(sp => sp.GetRequiredService<StoreWriter>());
        builder.Services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        return builder;
    }
}
