using System.Net;
using Psstd.Agent.Configuration;

namespace Psstd.Agent.Gossip;

/// <summary>
/// Resolves <c>PSSTD_SEEDS</c>: DNS names to all their addresses, again every <see cref="ResolveEvery"/>,
/// so a seed that moves or comes up later is found without a restart. A name that stops resolving keeps
/// its last known addresses.
/// </summary>
public sealed class PeerDirectory(AgentSettings settings, ILogger<PeerDirectory> logger)
{
    public static readonly TimeSpan ResolveEvery = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, IPAddress[]> _lastKnown = new(StringComparer.OrdinalIgnoreCase);

    public async Task<IReadOnlyList<IPEndPoint>> ResolveSeedsAsync(CancellationToken cancellationToken)
    {
        var own = settings.AdvertiseGossip;
        var result = new HashSet<IPEndPoint>();
        foreach (var seed in settings.Seeds)
        {
            if (seed.ToString() == own)
            {
                continue;
            }

            foreach (var ip in await ResolveAsync(seed.Host, cancellationToken))
            {
                result.Add(new IPEndPoint(ip, seed.Port));
            }
        }

        return [.. result];
    }

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
