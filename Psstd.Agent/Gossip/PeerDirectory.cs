using System.Net;
using Psstd.Agent.Configuration;

namespace Psstd.Agent.Gossip;

/// <summary>
/// Resolves <c>PSSTD_SEEDS</c>: DNS names to all their addresses, again every <see cref="ResolveEvery"/>,
/// so a seed that moves or comes up later is found without a restart. A name that stops resolving keeps
/// its last known addresses. Contacts discovery found (<see cref="ContactBook.Discovered"/>) join the
/// seeds, so the engine retries both alike.
/// </summary>
internal sealed class PeerDirectory(AgentSettings settings, ContactBook contacts, ILogger<PeerDirectory> logger)
{
    public static readonly TimeSpan ResolveEvery = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, IPAddress[]> _lastKnown = new(StringComparer.OrdinalIgnoreCase);

    private IReadOnlyList<IPEndPoint> _resolvedSeeds = [];

    public async Task<IReadOnlyList<IPEndPoint>> ResolveSeedsAsync(CancellationToken cancellationToken)
    {
        var own = settings.AdvertiseGossip;
        var seeds = new List<Contact>();
        foreach (var seed in settings.Seeds)
        {
            if (seed.ToString() == own)
            {
                continue;
            }

            var source = IPAddress.TryParse(seed.Host, out _) ? Contracts.ContactSource.Seed : Contracts.ContactSource.Dns;
            foreach (var ip in await ResolveAsync(seed.Host, cancellationToken))
            {
                seeds.Add(new Contact(new IPEndPoint(ip, seed.Port), source, seed.ToString()));
            }
        }

        contacts.SetSeeds(seeds);
        Volatile.Write(ref _resolvedSeeds, [.. seeds.Select(s => s.EndPoint).Distinct()]);
        return Targets();
    }

    /// <summary>The seeds as last resolved, with the contacts discovery sees now: what the engine retries.</summary>
    public IReadOnlyList<IPEndPoint> Targets() =>
        [.. Volatile.Read(ref _resolvedSeeds).Concat(contacts.Discovered.Select(c => c.EndPoint)).Distinct()];

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return [literal];
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResolveTimeout);
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
            _lastKnown[host] = addresses;
            return addresses;
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            GossipLog.ResolveFailed(logger, host, ex);
            return _lastKnown.GetValueOrDefault(host) ?? [];
        }
    }
}
