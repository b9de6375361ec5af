using Psstd.Agent.Configuration;
using Psstd.Agent.Identity;
using Psstd.Agent.Metrics;
using Psstd.Agent.Notices;
using Psstd.Agent.Silences;
using Psstd.Gossip.Cluster;

namespace Psstd.Agent.Heartbeat;

internal static class HeartbeatExtensions
{
    /// <summary>Takes this start's identity (a new generation) and registers the sampling loop.</summary>
    public static WebApplicationBuilder AddHeartbeat(this WebApplicationBuilder builder, AgentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        var identity = NodeIdentityStore.Start(settings.StateDirectory);
        builder.Services.AddSingleton(identity);
        builder.Services.AddSingleton(sp => new SilenceBook(settings.StateDirectory, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton(sp => new DeliveredNotices(sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<LocalNode>();
        builder.Services.AddSingleton(sp => new ClusterState(sp.GetRequiredService<TimeProvider>()) { MaxNodes = settings.MaxNodes });
        builder.Services.AddSingleton(sp => MetricsProbeFactory.Create(sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddHostedService<HeartbeatService>();
        return builder;
    }
}
