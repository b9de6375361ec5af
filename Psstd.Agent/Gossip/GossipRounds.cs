using Psstd.Agent.Ticking;
using Psstd.Gossip.Engine;

namespace Psstd.Agent.Gossip;

/// <summary>Ticks the gossip engine every round and keeps its seed addresses resolved.</summary>
/// <remarks>
/// The rounds run in the timer's callback (<see cref="Ticker"/>): one wake-up a round, not two. A round does not
/// wait for DNS: when the seeds are due to be resolved again, the resolution starts and the rounds go on with the
/// seeds they have until it answers (at most its timeout later), so a slow resolver cannot hold the rounds up.
/// The first round waits for the first resolution, as the engine has nobody to send to before it.
/// </remarks>
internal sealed class GossipRounds(
    GossipEngine engine, GossipOptions options, PeerDirectory seeds, ContactBook contacts, Configuration.AgentSettings settings, TimeProvider time, ILogger<GossipRounds> logger) : BackgroundService
{
    private long _lastResolve;
    private int _contactsSeen;
    private Task _resolving = Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        GossipLog.Listening(logger, settings.Gossip, settings.AdvertiseGossip, settings.Cluster, settings.Seeds);
        if (settings.GossipUnauthenticated)
        {
            GossipLog.Unauthenticated(logger, settings.AdvertiseGossip);
        }

        _contactsSeen = contacts.Version;
        engine.SetSeeds(await seeds.ResolveSeedsAsync(stoppingToken));
        _lastResolve = time.GetTimestamp();
        engine.Tick();
        try
        {
            await Ticker.RunAsync(time, options.RoundInterval, () => Round(stoppingToken), stoppingToken);
        }
        finally
        {
            await _resolving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing); // a resolution still under way ends with the stop
        }
    }

    private void Round(CancellationToken stoppingToken)
    {
        if (_resolving.IsFaulted)
        {
            _resolving.GetAwaiter().GetResult(); // what would have ended the loop when it awaited the resolution ends it now
        }

        if (_resolving.IsCompleted && time.GetElapsedTime(_lastResolve) >= PeerDirectory.ResolveEvery)
        {
            _lastResolve = time.GetTimestamp();
            _resolving = ResolveAsync(stoppingToken);
        }
        else if (contacts.Version != _contactsSeen)
        {
            _contactsSeen = contacts.Version;
            engine.SetSeeds(seeds.Targets()); // discovery found or lost a contact: use it now, not at the next resolve
        }

        engine.Tick();
    }

    private async Task ResolveAsync(CancellationToken stoppingToken)
    {
        try
        {
            engine.SetSeeds(await seeds.ResolveSeedsAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // stopping: the seeds no longer matter
        }
    }
}
