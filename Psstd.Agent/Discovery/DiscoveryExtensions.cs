using Psstd.Agent.Configuration;

namespace Psstd.Agent.Discovery;

internal static class DiscoveryExtensions
{
    /// <summary>mDNS / DNS-SD advertising and browsing, unless <c>PSSTD_MDNS=false</c>; its counters show in /healthz either way.</summary>
    public static WebApplicationBuilder AddDiscovery(this WebApplicationBuilder builder, AgentSettings settings)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(settings);
        builder.Services.AddSingleton<DiscoveryMetrics>();
        builder.Services.AddHealthChecks().AddCheck<DiscoveryHealthCheck>("discovery");
        if (settings.Mdns)
        {
            builder.Services.AddHostedService<MdnsService>();
        }

        return builder;
    }
}
