using System.Net;
using Microsoft.Extensions.ServiceDiscovery;
using Psstd.Configuration;

namespace Psstd.Agent.Seeds;

/// <summary>
/// Seeds found by name through Microsoft.Extensions.ServiceDiscovery: every service in the configuration's
/// <c>services</c> section that has a <c>gossip</c> endpoint is a seed (Aspire hands each agent of the local
/// cluster <c>services__node-2-agent__gossip__0=udp://127.0.0.1:7948</c> for every other agent). They join
/// <c>PSSTD_SEEDS</c>, whose host:port entries keep their meaning. A DNS name stays a name: the gossip
/// resolves it to all its addresses and again every 30 s, whichever way it came.
/// </summary>
public static class ServiceSeeds
{
    public const string SectionName = "services";
    public const string EndpointName = "gossip";

    /// <summary>The services whose gossip endpoint the configuration names.</summary>
    public static IReadOnlyList<string> Names(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return [.. configuration.GetSection(SectionName).GetChildren()
            .Where(service => service.GetSection(EndpointName).Exists())
            .Select(service => service.Key)
            .Order(StringComparer.Ordinal)];
    }

    /// <summary><paramref name="configured"/> followed by every named service's gossip endpoints, each once.</summary>
    /// <exception cref="StartupConfigurationException">A service's endpoint is not a host and port.</exception>
    public static async Task<IReadOnlyList<ListenAddress>> ResolveAsync(IConfiguration configuration, IReadOnlyList<ListenAddress> configured, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(configured);
        var names = Names(configuration);
        if (names.Count == 0)
        {
            return configured;
        }

        await using var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(configuration)
            .AddServiceDiscoveryCore()
            .AddConfigurationServiceEndpointProvider()
            .BuildServiceProvider();
        await using var resolver = services.GetRequiredService<ServiceEndpointResolver>();
        var seeds = new List<ListenAddress>(configured);
        foreach (var name in names)
        {
            var source = await resolver.GetEndpointsAsync($"_{EndpointName}.{name}", cancellationToken);
            foreach (var endpoint in source.Endpoints)
            {
                var seed = ToListenAddress(endpoint.EndPoint)
                    ?? throw new StartupConfigurationException([new ConfigurationError($"{SectionName}__{name}__{EndpointName}", endpoint.EndPoint.ToString() ?? "", "must be a host and port, such as udp://127.0.0.1:7948")]);
                if (!seeds.Contains(seed))
                {
                    seeds.Add(seed);
                }
            }
        }

        return seeds;
    }

    /// <summary>The host:port of a resolved endpoint; null when it has no port.</summary>
    public static ListenAddress? ToListenAddress(EndPoint endPoint) => endPoint switch
    {
        IPEndPoint ip when ip.Port > 0 => new ListenAddress(ip.Address.ToString(), ip.Port),
        DnsEndPoint dns when dns.Port > 0 => new ListenAddress(dns.Host, dns.Port),
        UriEndPoint uri when uri.Uri.Port > 0 => new ListenAddress(uri.Uri.Host.Trim('[', ']'), uri.Uri.Port),
        _ => null,
    };
}
