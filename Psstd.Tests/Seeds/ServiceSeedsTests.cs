using Microsoft.Extensions.Configuration;
using Psstd.Agent.Seeds;
using Psstd.Configuration;

namespace Psstd.Tests.Seeds;

public sealed class ServiceSeedsTests
{
    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public async Task AspiresGossipReferences_JoinTheConfiguredSeeds_InServiceOrder()
    {
        var configuration = Configuration(
            ("services:node-3-agent:gossip:0", "udp://127.0.0.1:7949"),
            ("services:node-2-agent:gossip:0", "udp://127.0.0.1:7948"),
            ("services:node-2-agent:http:0", "http://localhost:8081"));
        ListenAddress[] configured = [new("psstd.default.svc", 7947)];

        var seeds = await ServiceSeeds.ResolveAsync(configuration, configured, CancellationToken.None);

        Assert.Equal(["psstd.default.svc:7947", "127.0.0.1:7948", "127.0.0.1:7949"], seeds.Select(s => s.ToString()));
    }

    [Fact]
    public async Task WithoutServices_TheConfiguredSeedsAreAllThereIs()
    {
        ListenAddress[] configured = [new("10.0.0.5", 7947)];

        var seeds = await ServiceSeeds.ResolveAsync(Configuration(), configured, CancellationToken.None);

        Assert.Same(configured, seeds);
    }

    [Fact]
    public async Task ADnsNameStaysAName_ForTheGossipToReResolve()
    {
        var seeds = await ServiceSeeds.ResolveAsync(Configuration(("services:peer:gossip:0", "udp://peer.example.internal:7947")), [], CancellationToken.None);

        Assert.Equal(new ListenAddress("peer.example.internal", 7947), Assert.Single(seeds));
    }
}
