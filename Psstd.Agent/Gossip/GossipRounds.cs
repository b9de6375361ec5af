using Psstd.Gossip.Engine;

namespace Psstd.Agent.Gossip;

/// <summary>Ticks the gossip engine every round and keeps its seed addresses resolved.</summary>
internal sealed class GossipRounds(
    GossipEngine engine, GossipOptions options, PeerDirectory seeds, ContactBook contacts, Configuration.AgentSettings settings, TimeProvider time, ILogger<GossipRounds> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        GossipLog.Listening(logger, settings.Gossip, settings.AdvertiseGossip, settings.Cluster, settings.Seeds);
        if (settings.GossipUnauthenticated)
        {
            GossipLog.Unauthenticated(logger, settings.AdvertiseGossip);
        }

        var lastResolve = long.MinValue;
        var contactsSeen = contacts.Version;
        using var timer = new PeriodicTimer(options.RoundInterval, time);
        do
        {
            if (lastResolve == long.MinValue || time.GetElapsedTime(lastResolve) >= PeerDirectory.ResolveEvery)
            {
                engine.SetSeeds(await seeds.ResolveSeedsAsync(stoppingToken));
                lastResolve = time.GetTimestamp();
            }
            else if (contacts.Version != contactsSeen)
            {
                contactsSeen = contacts.Version;
                engine.SetSeeds(seeds.Targets()); // discovery found or lost a contact: use it now, not at the next resolve
            }

            engine.Tick();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
