using Psstd.Contracts;
using Psstd.Agent.Configuration.Alerting;
using Psstd.Gossip.Wire;
using Psstd.Configuration;

namespace Psstd.Agent.Configuration;

/// <summary>
/// Everything the agent reads from its environment (docs/configuration.md), validated at start.
/// Names and defaults match the Go psstd, except the gossip port: 7947, because Serf and Docker Swarm own 7946.
/// </summary>
internal sealed record AgentSettings
{
    /// <summary>How long a record counts as current, chosen by its origin. psstd's default.</summary>
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromSeconds(15);

    /// <summary>Below this, one lost datagram or a GC pause would already make a node stale.</summary>
    public static readonly TimeSpan MinimumTtl = TimeSpan.FromSeconds(2);

    public static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(100);
    public static readonly ListenAddress DefaultGossip = new("", 7947);
    public const string DefaultCluster = "psstd";

    /// <summary>History and events older than this are dropped from the store.</summary>
    public static readonly TimeSpan DefaultRetention = TimeSpan.FromHours(24);

    /// <summary>The store keeps the last hour at full resolution; a shorter retention would break that promise.</summary>
    public static readonly TimeSpan MinimumRetention = TimeSpan.FromHours(1);

    /// <summary>Room for about 2,000 nodes' last hour at full resolution, or 100 nodes' day many times over.</summary>
    public const long DefaultMaxStoreBytes = 1L << 30;

    public const long MinimumMaxStoreBytes = 16L << 20;

    /// <summary>Gossip bytes per second a node sends (and, by the pace every node keeps, about what it receives).</summary>
    public const long DefaultGossipBandwidth = 256L << 10;

    /// <summary>A dozen full datagrams a second: below it, even a small cluster's records would crawl.</summary>
    public const long MinimumGossipBandwidth = 16L << 10;

    /// <summary>
    /// Nodes an agent holds at most (<c>PSSTD_MAX_NODES</c>): room for a 10,000-node cluster with a margin;
    /// past it, records of new nodes are refused (counted), so a stranger inventing nodes cannot grow memory,
    /// the store or the pages without bound.
    /// </summary>
    public const int DefaultMaxNodes = 16_384;

    /// <summary>Fewer would refuse ordinary small clusters' nodes.</summary>
    public const int MinimumMaxNodes = 16;

    public const int MaximumMaxNodes = 1_000_000;

    public required string NodeName { get; init; }
    public required string Cluster { get; init; }
    public required TimeSpan Ttl { get; init; }
    public required TimeSpan Interval { get; init; }
    public required ListenAddress Gossip { get; init; }

    /// <summary>host:port that peers dial to reach this agent's gossip.</summary>
    public required string AdvertiseGossip { get; init; }

    public required IReadOnlyList<ListenAddress> Seeds { get; init; }
    public required string StateDirectory { get; init; }
    public required string SocketPath { get; init; }

    /// <summary>
    /// False with <c>PSSTD_WEB=false</c>: the node is sync-only and takes no dashboard registration. The
    /// dashboard's URL itself comes from the dashboard (<c>PSSTD_ADVERTISE_HTTP</c>), which registers it.
    /// </summary>
    public required bool Web { get; init; }

    public required bool Mdns { get; init; }

    /// <summary>Gossip keys (<c>PSSTD_KEY</c>): the first seals, all open. Empty: packets are not sealed.</summary>
    public required IReadOnlyList<byte[]> Keys { get; init; }

    /// <summary>
    /// No key, and gossip reaches beyond this machine (it listens or advertises on anything but loopback): a stranger
    /// on the network can forge nodes. The agent warns at start and every view says so.
    /// </summary>
    public bool GossipUnauthenticated =>
        Keys.Count == 0 && !(Gossip.IsLoopback && (ListenAddress.TryParse(AdvertiseGossip)?.IsLoopback ?? false));

    /// <summary>
    /// How long a node may stay offline (or left) before this agent forgets it (<c>PSSTD_REAP</c>). 24 h by
    /// default, as Serf reaps: long enough that a node down overnight or for a reboot of its rack is still
    /// shown (with its last numbers) when people look, short enough that retired machines do not clutter
    /// the view for days; the store keeps a day of history, so nothing older is left to show anyway.
    /// </summary>
    public TimeSpan Reap { get; init; } = DefaultReap;

    public static readonly TimeSpan DefaultReap = TimeSpan.FromHours(24);

    /// <summary>Interfaces mDNS uses (<c>PSSTD_MDNS_INTERFACES</c>); empty: chosen automatically.</summary>
    public IReadOnlyList<string> MdnsInterfaces { get; init; } = [];

    /// <summary>How long the store keeps history (at one-minute resolution past the first hour) and events.</summary>
    public TimeSpan Retention { get; init; } = DefaultRetention;

    /// <summary>The store's pages in use are kept under this: past it, the oldest history goes first, whatever the retention.</summary>
    public long MaxStoreBytes { get; init; } = DefaultMaxStoreBytes;

    /// <summary>
    /// Gossip bytes per second this node sends at most (<c>PSSTD_GOSSIP_BANDWIDTH</c>); probes, leaves and
    /// sync answers may run a little past it. Every node paces its own record to the cluster's size so that
    /// what it receives stays near this too (see <c>GossipPace</c>).
    /// </summary>
    public int GossipBandwidth { get; init; } = (int)DefaultGossipBandwidth;

    /// <summary>Nodes held at most (<c>PSSTD_MAX_NODES</c>, see <see cref="DefaultMaxNodes"/>).</summary>
    public int MaxNodes { get; init; } = DefaultMaxNodes;

    /// <summary>This node's tags (<c>PSSTD_TAGS=rack=a,role=db</c>, see <see cref="NodeTagRules"/>), ordered by key; empty when unset.</summary>
    public IReadOnlyDictionary<string, string> Tags { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>
    /// Threshold alert rules from the file <c>PSSTD_ALERTS</c> names (docs/alerts.md); empty when it is unset.
    /// A file with any broken rule stops the agent at start.
    /// </summary>
    public IReadOnlyList<AlertRule> AlertRules { get; init; } = [];

    /// <summary>Where alert notifications are posted (<c>PSSTD_ALERT_WEBHOOK*</c>); null: no webhook.</summary>
    public AlertWebhookSettings? AlertWebhook { get; init; }

    /// <summary>Reads and validates; throws <see cref="StartupConfigurationException"/> naming every broken rule.</summary>
    /// <param name="hostName">The OS host name: the default node name.</param>
    /// <param name="advertiseHost">The default host of the advertised gossip address (see <see cref="HostAddress.Primary"/>); the host name when null.</param>
    public static AgentSettings FromEnvironment(IReadOnlyDictionary<string, string> env, string hostName, string? advertiseHost = null)
    {
        var read = new SettingsReader(env);
        var ttl = read.Duration(AgentVariables.NodeTtl, DefaultTtl, MinimumTtl);
        var interval = read.Duration(AgentVariables.Interval, DefaultInterval, MinimumInterval);
        if (interval * 2 > ttl && read.Raw(AgentVariables.Interval) is { } rawInterval)
        {
            read.Fail(AgentVariables.Interval, rawInterval, $"must be at most half of PSSTD_NODE_TTL ({DurationParser.Format(ttl)}), or the node is never fresh");
        }

        var gossip = read.Listen(AgentVariables.Gossip, DefaultGossip);
        var advertiseGossip = AdvertisedGossip(read, gossip, advertiseHost ?? hostName);

        var settings = new AgentSettings
        {
            NodeName = read.Name(AgentVariables.NodeName, hostName),
            Cluster = read.Name(AgentVariables.Cluster, DefaultCluster),
            Ttl = ttl,
            Interval = interval,
            Gossip = gossip,
            AdvertiseGossip = advertiseGossip,
            Seeds = read.ListenList(AgentVariables.Seeds),
            StateDirectory = read.DirectoryPath(AgentVariables.StateDirectory, DefaultPaths.StateDirectory(env)),
            SocketPath = read.SocketPath(AgentVariables.Socket, DefaultPaths.Socket(env)),
            Web = read.Flag(AgentVariables.Web, true),
            Mdns = read.Flag(AgentVariables.Mdns, true),
            Keys = ReadKeys(read),
            Reap = ReadReap(read, ttl),
            MdnsInterfaces = ReadInterfaces(read),
            Retention = read.Duration(AgentVariables.Retention, DefaultRetention, MinimumRetention),
            MaxStoreBytes = ReadSize(read, AgentVariables.MaxStoreSize, DefaultMaxStoreBytes, MinimumMaxStoreBytes),
            GossipBandwidth = (int)ReadSize(read, AgentVariables.GossipBandwidth, DefaultGossipBandwidth, MinimumGossipBandwidth, maximum: 1L << 30),
            MaxNodes = ReadCount(read, AgentVariables.MaxNodes, DefaultMaxNodes, MinimumMaxNodes, MaximumMaxNodes),
            Tags = ReadTags(read),
            AlertRules = AlertRulesFile.Read(read, AgentVariables.Alerts),
            AlertWebhook = AlertWebhookSettings.Read(read),
        };
        read.ThrowIfInvalid();
        return settings;
    }

    private static string AdvertisedGossip(SettingsReader read, ListenAddress gossip, string defaultHost)
    {
        var explicitAddress = read.Listen(AgentVariables.AdvertiseGossip, gossip);
        if (read.Raw(AgentVariables.AdvertiseGossip) is not null)
        {
            if (explicitAddress.IsAnyHost)
            {
                read.Fail(AgentVariables.AdvertiseGossip, read.Raw(AgentVariables.AdvertiseGossip)!, "must name a host peers can dial, not only a port");
            }

            return explicitAddress.ToString();
        }

        return gossip.IsAnyHost ? new ListenAddress(defaultHost, gossip.Port).ToString() : gossip.ToString();
    }

    private static SortedDictionary<string, string> ReadTags(SettingsReader read)
    {
        var raw = read.Raw(AgentVariables.Tags);
        if (!NodeTagRules.TryParse(raw, out var tags, out var error))
        {
            read.Fail(AgentVariables.Tags, raw!, error);
        }

        return tags;
    }

    /// <summary>A duration longer than the TTL: a node is forgotten only once it has been offline.</summary>
    private static TimeSpan ReadReap(SettingsReader read, TimeSpan ttl)
    {
        var raw = read.Raw(AgentVariables.Reap);
        var reap = raw is null ? DefaultReap : DurationParser.TryParse(raw);
        if (reap is null || reap <= ttl)
        {
            read.Fail(AgentVariables.Reap, raw ?? DurationParser.Format(DefaultReap), $"must be {DurationParser.Syntax}, longer than PSSTD_NODE_TTL ({DurationParser.Format(ttl)}): a node is forgotten only after it has been offline");
            return DefaultReap;
        }

        return reap.Value;
    }

    /// <summary>A size: <c>256KiB</c>, <c>512MiB</c>, <c>2G</c>; K, KB and KiB (M..., G...) all count in 1024s.</summary>
    private static int ReadCount(SettingsReader read, string name, int fallback, int minimum, int maximum)
    {
        var raw = read.Raw(name);
        if (raw is null)
        {
            return fallback;
        }

        if (int.TryParse(raw, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count) && count >= minimum && count <= maximum)
        {
            return count;
        }

        read.Fail(name, raw, $"must be a whole number from {minimum} to {maximum}");
        return fallback;
    }

    private static long ReadSize(SettingsReader read, string name, long fallback, long minimum, long maximum = long.MaxValue)
    {
        var raw = read.Raw(name);
        if (raw is null)
        {
            return fallback;
        }

        var digits = raw.TakeWhile(char.IsAsciiDigit).Count();
        var unit = raw[digits..].Trim().ToUpperInvariant() switch
        {
            "K" or "KB" or "KIB" => 1L << 10,
            "M" or "MB" or "MIB" => 1L << 20,
            "G" or "GB" or "GIB" => 1L << 30,
            _ => 0,
        };
        if (digits == 0 || unit == 0 || !long.TryParse(raw.AsSpan(0, digits), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var count)
            || count > long.MaxValue / unit || count * unit < minimum || count * unit > maximum)
        {
            var range = maximum == long.MaxValue ? $"at least {Size(minimum)}" : $"from {Size(minimum)} to {Size(maximum)}";
            read.Fail(name, raw, $"must be a size such as 256KiB, 512MiB or 2GiB (K, KB, KiB, M, MB, MiB and G, GB, GiB all count in 1024s), {range}");
            return fallback;
        }

        return count * unit;
    }

    private static string Size(long bytes) =>
        bytes % (1L << 30) == 0 ? $"{bytes >> 30}GiB" : bytes % (1L << 20) == 0 ? $"{bytes >> 20}MiB" : $"{bytes >> 10}KiB";

    /// <summary>Base64 keys of 32 bytes, comma-separated; the value is a secret and never echoed.</summary>
    private static List<byte[]> ReadKeys(SettingsReader read)
    {
        var raw = read.Raw(AgentVariables.Key);
        if (raw is null)
        {
            return [];
        }

        var keys = new List<byte[]>();
        var parts = raw.Split(',', StringSplitOptions.TrimEntries);
        for (var i = 0; i < parts.Length; i++)
        {
            var key = new byte[GossipKeyring.KeyBytes];
            if (!Convert.TryFromBase64String(parts[i], key, out var length) || length != GossipKeyring.KeyBytes)
            {
                read.Fail(AgentVariables.Key, "(hidden)", $"must be comma-separated base64 keys of 32 bytes each (e.g. from `openssl rand -base64 32`); key {i + 1} of {parts.Length} is not");
                return [];
            }

            keys.Add(key);
        }

        return keys;
    }

    /// <summary>Comma-separated interface names as the kernel spells them: 1-15 characters, no whitespace, '/' or ':'.</summary>
    private static List<string> ReadInterfaces(SettingsReader read)
    {
        var raw = read.Raw(AgentVariables.MdnsInterfaces);
        if (raw is null)
        {
            return [];
        }

        var names = raw.Split(',', StringSplitOptions.TrimEntries);
        if (names.Any(n => n.Length is 0 or > 15 || n.Any(c => char.IsWhiteSpace(c) || c is '/' or ':')))
        {
            read.Fail(AgentVariables.MdnsInterfaces, raw, "must be comma-separated interface names such as eth0,eth1 (each 1-15 characters, no spaces, '/' or ':')");
            return [];
        }

        return [.. names.Distinct(StringComparer.Ordinal)];
    }
}
