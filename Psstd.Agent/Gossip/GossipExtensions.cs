using Psstd.Agent.Configuration;

namespace Psstd.Agent.Gossip;

public static class GossipExtensions
{
    /// <summary>Binds the gossip port now (a taken port stops the start) and registers both loops.</summary>
    public static WebApplicationBuilder AddGossip(this WebApplicationBuilder builder, AgentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        builder.Services.AddSingleton(GossipSocket.Bind(settings.Gossip));
        builder.Services.AddSingleton<GossipCounters>();
        builder.Services.AddSingleton<PeerDirectory>();
        builder.Services.AddHostedService<GossipReceiver>();
        builder.Services.AddHostedService<GossipSender>();
        return builder;
    }
}
