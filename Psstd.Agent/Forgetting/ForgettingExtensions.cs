using Psstd.Agent.Configuration;
using Psstd.Agent.Heartbeat;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;

namespace Psstd.Agent.Forgetting;

internal static class ForgettingExtensions
{
    /// <summary>Registers the operator's forget and the reaper of long-offline nodes.</summary>
    public static WebApplicationBuilder AddForgetting(this WebApplicationBuilder builder, AgentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        builder.Services.AddSingleton(sp => new NodeForgetter(
            sp.GetRequiredService<ClusterState>(),
            sp.GetRequiredService<GossipEngine>(),
            sp.GetRequiredService<LocalNode>().Current.Id));
        builder.Services.AddHostedService(sp => new NodeReaper(
            sp.GetRequiredService<ClusterState>(),
            sp.GetRequiredService<GossipEngine>(),
            settings,
            sp.GetRequiredService<LocalNode>().Current.Id,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<NodeReaper>>()));
        return builder;
    }
}
