using System.CommandLine;
using System.Net;
using System.Text;
using Psstd.Agent.Terminal;
using Psstd.ClusterView;
using Psstd.Contracts;
using Psstd.Configuration;

namespace Psstd.Agent.Cli;

/// <summary>
/// <c>doctor</c>: why a node may be missing. Seeds and what they resolve to, discovered contacts, last
/// contact per peer, dropped packets by reason with what each usually means, clocks and versions.
/// </summary>
internal static class DoctorCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("doctor", "Explain why a node may be missing: seeds and their resolution, discovered contacts, last contact per peer, dropped packets by reason, clock and version notes");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var agent = AgentCommandLine.Connect(parsed, console);
            var status = await agent.GetAsync(AgentStatusRoutes.Status, LocalApiJsonContext.Default.AgentStatus, cancellationToken);
            var cluster = await agent.GetAsync(LocalApiRoutes.Cluster, LocalApiJsonContext.Default.ClusterSnapshot, cancellationToken);
            var contacts = await ContactsAsync(agent, cancellationToken);
            var seeds = new List<(string Seed, string Resolution)>();
            foreach (var seed in status.Seeds)
            {
                seeds.Add((seed, await ResolveAsync(seed, cancellationToken)));
            }

            await console.Out.WriteAsync(Format(status, cluster, contacts, seeds, console.Time.GetUtcNow()));
            return 0;
        });
        return command;
    }

    /// <summary>The report, from what was gathered: a pure function, so its wording is tested on fixed input.</summary>
    /// <param name="contacts">Null when the agent does not serve contacts (an older agent: 404).</param>
    public static string Format(
        AgentStatus status, ClusterSnapshot cluster, GossipContactList? contacts, IReadOnlyList<(string Seed, string Resolution)> seeds, DateTimeOffset here)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(cluster);
        ArgumentNullException.ThrowIfNull(seeds);
        var text = new StringBuilder();
        text.Append($"agent     {status.NodeName} {status.AgentVersion}{StatusCommand.BuildSuffix(status)}, cluster {status.Cluster}, {(status.KeyCount == 0 ? "not sealed" : $"sealed ({status.KeyCount} keys)")}, gossip {status.AdvertiseGossip}\n");
        if (cluster.GossipUnauthenticated)
        {
            text.Append($"trust     {TrustNotice.Unauthenticated}: anyone who can send to {status.AdvertiseGossip} can add or change nodes; give every node the same PSSTD_KEY (see docs/security.md)\n");
        }

        text.Append("seeds\n");
        if (seeds.Count == 0)
        {
            text.Append("  none (PSSTD_SEEDS is empty): this node finds peers only by discovery or when they dial it\n");
        }

        foreach (var (seed, resolution) in seeds)
        {
            text.Append($"  {seed} -> {resolution}\n");
        }

        text.Append("contacts\n");
        if (contacts is null)
        {
            text.Append($"  not served by this agent ({LocalApiRoutes.Contacts}: 404); upgrade it to see discovery results\n");
        }
        else if (contacts.Contacts.Count == 0)
        {
            text.Append("  none\n");
        }
        else
        {
            foreach (var c in contacts.Contacts.OrderBy(c => c.Address, StringComparer.Ordinal))
            {
                var heard = c.LastHeard is { } at ? $"last heard {TerminalFormat.Age((here - at).TotalSeconds)} ago" : "never heard";
                text.Append($"  {c.Address}  {c.Source.ToString().ToLowerInvariant()}{(c.Origin.Length == 0 ? "" : $" (from {c.Origin})")}  {heard}\n");
            }
        }

        text.Append("peers (last contact on this agent's clock)\n");
        var peers = cluster.Nodes.Where(n => !n.IsSelf).OrderBy(n => n.Name, StringComparer.Ordinal).ToList();
        if (peers.Count == 0)
        {
            text.Append("  none: no record from any other node has reached this agent\n");
        }

        foreach (var p in peers)
        {
            text.Append($"  {p.Name}  {p.Health.ToString().ToLowerInvariant()}  last new record {TerminalFormat.Age(p.AgeSeconds)} ago  at {p.GossipAddress}\n");
        }

        Dropped(text, status.Packets);
        text.Append($"clock     agent {status.Now:yyyy-MM-dd HH:mm:ss}Z, here {here:yyyy-MM-dd HH:mm:ss}Z; freshness is judged on each receiver's monotonic clock, so clock skew between hosts never makes a node stale\n");
        Versions(text, cluster);
        if (AlertsNotice.Disagreement(cluster) is { Length: > 0 } disagreement)
        {
            text.Append($"alerts    {disagreement}; give every node the same PSSTD_ALERTS file and webhook\n");
        }

        return text.ToString();
    }

    private static void Dropped(StringBuilder text, GossipTraffic packets)
    {
        text.Append($"packets   out {packets.PacketsOut} ({packets.SendFailures} failed), in {packets.PacketsAccepted} accepted\n");
        if (packets.RepliesRefused > 0)
        {
            text.Append($"refused   {packets.RepliesRefused} answers to addresses that have not proved they receive there (forged sources in an unkeyed cluster; a few also come from peers just met, answered a round trip later)\n");
        }

        if (packets.PreviousWireVersion > 0)
        {
            text.Append($"upgrade   {packets.PreviousWireVersion} packets came in the previous wire version: some peers run an older psstd; this agent answers them in it, upgrade them\n");
        }

        var drops = packets.Dropped.Where(d => d.Value > 0).OrderBy(d => d.Key, StringComparer.Ordinal).ToList();
        if (drops.Count == 0)
        {
            text.Append("dropped   none\n");
            return;
        }

        text.Append("dropped\n");
        foreach (var (reason, count) in drops)
        {
            text.Append($"  {reason} {count}: {Meaning(reason)}\n");
        }
    }

    /// <summary>What a drop reason usually means for a node that does not show up.</summary>
    public static string Meaning(string reason) => reason switch
    {
        "OtherCluster" => "a sender uses another PSSTD_CLUSTER; give every node the same name",
        "NotSealed" => "a sender has no PSSTD_KEY while this cluster seals its packets",
        "CannotOpen" => "a sender seals with a key this agent does not hold; compare PSSTD_KEY on both",
        "UnsupportedVersion" => "a sender speaks a wire version this agent does not; upgrade the older agent",
        "Replayed" => "sealed packets seen before: a replay by someone on the network, or a path that duplicates packets",
        "NotPsstd" => "something that is not psstd sends to the gossip port",
        "Malformed" => "truncated or damaged packets (a broken network path or a hostile sender)",
        _ => "see the agent's log",
    };

    private static void Versions(StringBuilder text, ClusterSnapshot cluster)
    {
        var versions = cluster.Nodes.GroupBy(n => n.AgentVersion).OrderBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (versions.Count <= 1)
        {
            text.Append($"versions  every node runs {cluster.AgentVersion}\n");
            return;
        }

        text.Append($"versions  {versions.Count} versions in the cluster: "
            + string.Join("; ", versions.Select(g => $"{g.Key} ({string.Join(", ", g.Select(n => n.Name).Order(StringComparer.Ordinal))})"))
            + "\n");
    }

    private static async Task<GossipContactList?> ContactsAsync(AgentConnection agent, CancellationToken cancellationToken)
    {
        using var response = await agent.SendAsync(new HttpRequestMessage(HttpMethod.Get, LocalApiRoutes.Contacts), cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        await agent.EnsureSuccessAsync(response, $"GET {LocalApiRoutes.Contacts}", cancellationToken);
        return await response.Content.ReadFromJsonAsync(LocalApiJsonContext.Default.GossipContactList, cancellationToken);
    }

    /// <summary>"127.0.0.1:7947", or every address a name resolves to, or why it does not resolve.</summary>
    private static async Task<string> ResolveAsync(string seed, CancellationToken cancellationToken)
    {
        if (ListenAddress.TryParse(seed) is not { } address)
        {
            return "not host:port";
        }

        if (IPAddress.TryParse(address.Host, out _))
        {
            return "an address, used as given";
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            var ips = await Dns.GetHostAddressesAsync(address.Host, timeout.Token);
            return ips.Length == 0 ? "resolves to no address" : string.Join(", ", ips.Select(ip => new IPEndPoint(ip, address.Port)));
        }
        catch (System.Net.Sockets.SocketException ex)
        {
            return $"does not resolve ({ex.SocketErrorCode})";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return "DNS did not answer within 2s";
        }
    }
}
