using System.Diagnostics.Metrics;
using Psstd.Agent.Configuration;
using Psstd.Agent.Heartbeat;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;
using Psstd.Gossip.Telemetry;

namespace Psstd.Agent.Gossip;

internal static class GossipExtensions
{
    /// <summary>Binds the gossip port now (a taken port stops the start) and registers the engine and its loops.</summary>
    public static WebApplicationBuilder AddGossip(this WebApplicationBuilder builder, AgentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        builder.Services.AddSingleton(GossipSocket.Bind(settings.Gossip));
        builder.Services.AddSingleton(new GossipOptions
        {
            Cluster = settings.Cluster,
            Keyring = settings.Keys.Count == 0 ? null : new GossipKeyring(settings.Keys),
            BandwidthBytesPerSecond = settings.GossipBandwidth,
            Interval = settings.Interval,
        });
        builder.Services.AddSingleton(sp => new GossipMetrics(sp.GetRequiredService<IMeterFactory>(), sp.GetRequiredService<ClusterState>()));
        builder.Services.AddSingleton<ContactBook>();
        builder.Services.AddSingleton<PeerDirectory>();
        builder.Services.AddSingleton<Tcp.GossipStreamClient>();
        builder.Services.AddSingleton<IGossipTransport, UdpTransport>();
        builder.Services.AddSingleton(sp =>
        {
            var local = sp.GetRequiredService<LocalNode>();
            var engine = new GossipEngine(
                sp.GetRequiredService<GossipOptions>(),
                local.Current.Id,
                sp.GetRequiredService<ClusterState>(),
                sp.GetRequiredService<IGossipTransport>(),
                sp.GetRequiredService<GossipMetrics>(),
                sp.GetRequiredService<TimeProvider>(),
                new Random());
            engine.IdentityClaimed += (_, claim) => local.NoteClaim(claim); // outranked at the next heartbeat
            return engine;
        });
        builder.Services.AddHostedService<GossipReceiver>();
        builder.Services.AddHostedService<Tcp.GossipStreamListener>();
        builder.Services.AddHostedService<GossipRounds>();
        builder.Services.AddHostedService<GossipLeave>(); // registered last: stops first, while the socket is open
        return builder;
    }
}
