using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Psstd.Agent.Alerts;
using Psstd.Agent.Configuration;
using Psstd.Agent.Heartbeat;
using Psstd.Agent.Snapshots;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Agent.Registration;

namespace Psstd.Agent.LocalApi;

/// <summary>The agent's local API: served only on its Unix socket, read only.</summary>
internal static class LocalApiExtensions
{
    /// <summary>
    /// Binds Kestrel to the socket, and only to it: the agent has no TCP listener. Where the OS has no
    /// AF_UNIX (Windows before 10 1803, Wine 8) nothing is served and the agent keeps gossiping.
    /// </summary>
    public static WebApplicationBuilder AddLocalApi(this WebApplicationBuilder builder, AgentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        if (Socket.OSSupportsUnixDomainSockets)
        {
            SocketFile.PrepareForBind(settings.SocketPath);
            builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(settings.SocketPath));
        }
        else
        {
            builder.Services.AddSingleton<IServer, NoListenerServer>();
        }

        builder.Services.AddHealthChecks()
            .AddCheck<HeartbeatHealthCheck>("heartbeat")
            .AddCheck<GossipHealthCheck>("gossip");
        builder.Services.AddSingleton<DashboardRegistry>();
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Add(RegistrationJsonContext.Default));
        return builder;
    }

    public static WebApplication MapLocalApi(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var settings = app.Services.GetRequiredService<AgentSettings>();
        app.Lifetime.ApplicationStarted.Register(() => SocketFile.LockDown(settings.SocketPath));
        app.Lifetime.ApplicationStopped.Register(() => SocketFile.Remove(settings.SocketPath));

        app.MapGet(LocalApiRoutes.Cluster, (ClusterState cluster, LocalNode local, AlertBoard alerts, TimeProvider time) =>
            TypedResults.Json(
                ClusterSnapshotFactory.Create(settings.Cluster, local.Current, local.PublishStride, cluster.Entries(), seen => time.GetElapsedTime(seen), settings.GossipUnauthenticated)
                    with { Alerts = alerts.Current },
                LocalApiJsonContext.Default.ClusterSnapshot));
        app.MapDashboardRegistration(app.Services.GetRequiredService<DashboardRegistry>());
        app.MapForget();
        app.MapSilences();
        app.MapContacts();
        app.MapHistory();
        return app;
    }
}
