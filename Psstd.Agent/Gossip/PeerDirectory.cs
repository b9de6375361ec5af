using System.Net;
using Psstd.Agent.Cluster;
using Psstd.Agent.Configuration;
using Psstd.ServiceDefaults.Configuration;

namespace Psstd.Agent.Gossip;

/// <summary>
/// Where gossip goes: the seeds and every peer's advertised gossip address. Host names are resolved
/// to all their addresses and re-resolved every <see cref="ResolveEvery"/>, so a seed that moves or
/// comes up later is found again without a restart.
/// </summary>
public sealed class PeerDirectory(AgentSettings settings, ClusterState cluster, TimeProvider time, ILogger<PeerDirectory> logger)
{
    public static readonly TimeSpan ResolveEvery = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ResolveTimeout = TimeSpan.FromSeconds(2);

    private readonly Dictionary<string, (IPAddress[] Addresses, long ResolvedAt)> _resolved = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Every distinct endpoint to send to this round, this node's own advertised address excluded.</summary>
    public async Task<IReadOnlyList<IPEndPoint>> TargetsAsync(Guid selfId, CancellationToken cancellationToken)
    {
        var addresses = new HashSet<ListenAddress>(settings.Seeds);
        foreach (var entry in cluster.Entries())
        {
            if (entry.Record.Id != selfId && ListenAddress.TryParse(entry.Record.GossipAddress) is { IsAnyHost: false } peer)
            {
                addresses.Add(peer);
            }
        }

        var own = ListenAddress.TryParse(settings.AdvertiseGossip);
        var targets = new HashSet<IPEndPoint>();
        foreach (var address in addresses)
        {
            if (address == own)
            {
                continue;
            }

            foreach (var ip in await ResolveAsync(address.Host, cancellationToken))
            {
                targets.Add(new IPEndPoint(ip, address.Port));
            }
        }

        return [.. targets];
    }

    private async Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(host, out var literal))
        {
            return [literal];
        }

        if (_resolved.TryGetValue(host, out var cached) && time.GetElapsedTime(cached.ResolvedAt) < ResolveEvery)
        {
            return cached.Addresses;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(ResolveTimeout);
        try
        {
            var addresses = await Dns.GetHostAddressesAsync(host, timeout.Token);
            _resolved[host] = (addresses, time.GetTimestamp());
            return addresses;
        }
        catch (Exception ex) when (ex is System.Net.Sockets.SocketException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            GossipLog.ResolveFailed(logger, host, ex);
            _resolved[host] = (cached.Addresses ?? [], time.GetTimestamp());
            return _resolved[host].Addresses;
        }
    }
}
