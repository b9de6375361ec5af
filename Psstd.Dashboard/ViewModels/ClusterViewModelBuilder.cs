using System.Globalization;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Formatting;
using Psstd.Dashboard.HotPotato;
using Psstd.Dashboard.LoadRules;
using Psstd.Dashboard.Preferences;
using Psstd.Dashboard.Trust;
using SortKey = Psstd.ClusterView.SortKey;
using Psstd.ClusterView;

namespace Psstd.Dashboard.ViewModels;

/// <summary>Maps what the agent says to what the page shows. Pure: same snapshot and address, same view model.</summary>
public static class ClusterViewModelBuilder
{
    /// <summary>Above this many cores a cell switches to a dense strip (a 128-core host would overflow otherwise).</summary>
    public const int DenseCoreThreshold = 32;

    /// <summary>From this many visible nodes the grid becomes one compact row per node.</summary>
    public const int CompactNodeThreshold = 64;

    /// <summary>The summary links at most this many forgotten nodes by name; the count covers them all.</summary>
    public const int MaxForgottenLinks = 20;

    private const string Product = "psstd";

    private static readonly (SortKey Key, string Label)[] SortLabels =
    [
        (SortKey.Name, "name"), (SortKey.Cpu, "cpu"), (SortKey.CpuMax, "cpu max"), (SortKey.Mem, "mem %"),
        (SortKey.MemUsed, "mem used"), (SortKey.MemTotal, "mem total"), (SortKey.Load1, "load1"),
        (SortKey.Load5, "load5"), (SortKey.Load15, "load15"), (SortKey.Age, "age"),
    ];

    public static ClusterViewModel Build(ClusterSnapshot snapshot, PageAddress address, PeerDashboards peers)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(address);
        var preferences = PreferenceReader.Read(address.Query);
        var links = CellLinks.For(address, peers);
        var ordered = NodeOrdering.Apply(snapshot.Nodes, preferences);
        var nodes = new NodeCellViewModel[ordered.Count];
        for (var i = 0; i < nodes.Length; i++)
        {
            nodes[i] = Cell(ordered[i], snapshot.AgentVersion, links);
        }

        // Fresh, stale and offline always show (a zero is news too); the rarer states only when present.
        var perState = new int[Enum.GetValues<NodeHealth>().Length];
        foreach (var node in snapshot.Nodes)
        {
            if ((uint)node.Health < (uint)perState.Length)
            {
                perState[(int)node.Health]++;
            }
        }

        var counts = Enum.GetValues<NodeHealth>()
            .Where(h => perState[(int)h] > 0 || h is NodeHealth.Fresh or NodeHealth.Stale or NodeHealth.Offline)
            .Select(h => new StateCountViewModel(HealthNames.Of(h), perState[(int)h]))
            .ToArray();
        var (hottest, quietest, only) = Extremes(snapshot.Nodes);
        var forgotten = snapshot.Nodes
            .Where(n => n.Health == NodeHealth.Forgotten)
            .OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase)
            .Take(MaxForgottenLinks)
            .Select(n => new ForgottenLinkViewModel(n.Name, NodeLinks.Page(address.PathBase, n.Name) + links.Suffix))
            .ToArray();
        return new ClusterViewModel(
            $"{Product} · {snapshot.Cluster}",
            snapshot.Cluster,
            snapshot.SelfName,
            nodes,
            null,
            counts,
            snapshot.Nodes.Count,
            hottest,
            quietest,
            RefreshIntervalRule.Seconds(snapshot.Nodes),
            address.Url,
            nodes.Length >= CompactNodeThreshold,
            Controls(address, preferences))
        {
            OnlyFreshText = only,
            PacedText = PaceNotice.Text(snapshot),
            UnauthenticatedText = TrustNotice.Text(snapshot),
            Forgotten = forgotten,
            AlertsSection = AlertsSectionViewModel.Build(snapshot, address, links.Suffix),
            CompareUrl = NodeLinks.WithQuery($"{address.PathBase}/compare", address),
            HeatmapUrl = UrlQuery.Build(address.Path, UrlQuery.With(address.Carried(), new KeyValuePair<string, string>(QueryNames.View, "heatmap"))),
        };
    }

    /// <summary>
    /// The busiest and the least loaded fresh node by <see cref="NodeScore"/>, each in words. They are always two different nodes: ties
    /// on the score go by name, the hottest first. With one fresh node neither is named; it comes back as the third
    /// text instead, so the summary can say it is the only one.
    /// </summary>
    public static (string Hottest, string Quietest, string Only) Extremes(IReadOnlyList<NodeSnapshot> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        (NodeSnapshot Node, double Score)? hottest = null, quietest = null;
        var fresh = 0;
        foreach (var node in nodes)
        {
            if (node.Health != NodeHealth.Fresh)
            {
                continue;
            }

            fresh++;
            var score = NodeScore.Of(node.Metrics);
            if (hottest is not { } h || score > h.Score || (score == h.Score && NameOrder(node, h.Node) < 0))
            {
                hottest = (node, score);
            }
        }

        if (hottest is not { } top)
        {
            return ("", "", "");
        }

        if (fresh == 1)
        {
            return ("", "", Describe(top));
        }

        foreach (var node in nodes)
        {
            if (node.Health != NodeHealth.Fresh || ReferenceEquals(node, top.Node))
            {
                continue;
            }

            var score = NodeScore.Of(node.Metrics);
            if (quietest is not { } q || score < q.Score || (score == q.Score && NameOrder(node, q.Node) < 0))
            {
                quietest = (node, score);
            }
        }

        return (Describe(top), Describe(quietest!.Value), "");
    }

    private static int NameOrder(NodeSnapshot a, NodeSnapshot b)
    {
        var byName = string.Compare(a.Name, b.Name, StringComparison.Ordinal);
        return byName != 0 ? byName : a.Id.CompareTo(b.Id);
    }

    /// <summary>The page without a cluster: only the sentence that says why, and the controls so nothing is lost.</summary>
    public static ClusterViewModel Unavailable(string socketPath, AgentOutcome outcome, string detail, PageAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new(Product, "", "", [], Format.AgentProblem(outcome, detail, socketPath), [], 0, "", "",
            RefreshIntervalRule.CalmSeconds, address.Url, false, Controls(address, PreferenceReader.Read(address.Query)));
    }

    /// <summary>What a person reads at once: <c>node-1: CPU 100 %, load 10.9 per core</c>, not the score that ranks them.</summary>
    private static string Describe((NodeSnapshot Node, double Score) scored) =>
        $"{scored.Node.Name}: CPU {Format.WholePercent(scored.Node.Metrics.CpuBusyPercent)}, load {Format.LoadPerCore(NodeScore.LoadPerCore(scored.Node.Metrics))} per core";

    private static ControlsViewModel Controls(PageAddress address, DisplayPreferences preferences)
    {
        var edited = new HashSet<string>(StringComparer.Ordinal)
        {
            QueryNames.Filter, QueryNames.HideStale, QueryNames.HideOffline, QueryNames.Theme, QueryNames.Palette,
        };
        var hidden = address.Carried()
            .Where(p => !edited.Contains(p.Key))
            .Select(p => new HiddenFieldViewModel(p.Key, p.Value))
            .ToArray();
        var links = SortLabels.Select(s =>
        {
            var active = s.Key == preferences.Sort;
            var descending = active ? !preferences.Descending : PreferenceReader.DefaultDescending(s.Key);
            var query = UrlQuery.With(
                address.Carried(),
                new(QueryNames.Sort, PreferenceReader.Token(s.Key)),
                new(QueryNames.Direction, descending ? "desc" : "asc"));
            var arrow = !active ? "" : preferences.Descending ? "▼" : "▲";
            return new SortLinkViewModel(PreferenceReader.Token(s.Key), s.Label, UrlQuery.Build(address.Path, query), active, arrow);
        }).ToArray();
        return new ControlsViewModel(
            address.Path,
            hidden,
            links,
            preferences.Filter,
            preferences.HideStale,
            preferences.HideOffline,
            preferences.Theme,
            preferences.Palette,
            DisplayPreferences.Themes,
            DisplayPreferences.Palettes);
    }

    /// <summary>One node as the cluster page shows it (the node page reuses it for the current state).</summary>
    public static NodeCellViewModel Cell(NodeSnapshot node, string localVersion, CellLinks links)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(links);
        var m = node.Metrics;
        var cores = CoreBars(m);
        var dense = cores.Length > DenseCoreThreshold;
        return new NodeCellViewModel(
            string.Create(CultureInfo.InvariantCulture, $"node-{node.Id:N}"),
            node.Name,
            HealthNames.Of(node.Health),
            Format.Freshness(node.Health, node.AgeSeconds),
            cores,
            dense,
            dense ? Busiest(cores, BusiestNamed) : [],
            Format.Percent(m.CpuBusyPercent),
            MemoryMeter(m),
            Meter(m.SwapUsedBytes, m.SwapTotalBytes),
            Format.Load(m.Load1, m.Load5, m.Load15),
            Format.RatePair("r", m.DiskReadBytesPerSecond, "w", m.DiskWriteBytesPerSecond),
            Format.RatePair("rx", m.NetRxBytesPerSecond, "tx", m.NetTxBytesPerSecond),
            Format.Uptime(m.UptimeSeconds),
            Format.Score(NodeScore.Of(m)),
            links.Peer(node),
            node.IsSelf,
            node.AgentVersion,
            !string.Equals(node.AgentVersion, localVersion, StringComparison.Ordinal),
            links.Page(node.Name))
        {
            CpuSplit = CpuSplit(m.CpuShares),
            TagsText = string.Join(' ', NodeFilter.TagsOf(node)),
        };
    }

    /// <summary>How many of a dense node's cores are named above its strip.</summary>
    public const int BusiestNamed = 3;

    /// <summary>
    /// The numbers of the <paramref name="count"/> busiest cores, busiest first, the lower number first on a tie, so
    /// the names above a strip do not swap places between two equal readings.
    /// </summary>
    public static int[] Busiest(IReadOnlyList<CoreBarViewModel> cores, int count)
    {
        ArgumentNullException.ThrowIfNull(cores);
        var top = new int[Math.Min(count, cores.Count)];
        var filled = 0;
        for (var i = 0; i < cores.Count; i++)
        {
            // Insertion into a short sorted list: a 128-core node needs no sort of all its cores.
            var tenths = cores[i].Tenths;
            var at = filled;
            while (at > 0 && cores[top[at - 1]].Tenths < tenths)
            {
                at--;
            }

            if (at >= top.Length)
            {
                continue;
            }

            var last = Math.Min(filled, top.Length - 1);
            Array.Copy(top, at, top, at + 1, last - at);
            top[at] = i;
            filled = Math.Min(filled + 1, top.Length);
        }

        return top;
    }

    /// <summary>Used of total for a meter; an unknown total (no swap) prints <c>0K/0K</c>, as htop does, and says <c>none</c> in full.</summary>
    private static MeterViewModel Meter(long used, long total)
    {
        var percent = Format.Percent(used, total);
        return new MeterViewModel(
            percent, Format.Band(percent), Format.HtopUsedOfTotal(used, total), total > 0 ? Format.UsedOfTotal(used, total) : "none");
    }

    /// <summary>
    /// Memory used of total, with htop's cache band after the used part when the agent reports it. Used is total minus
    /// available, which already leaves out most of the cache, so the two can overlap a little: the band is cut at the total.
    /// </summary>
    public static MeterViewModel MemoryMeter(NodeMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var meter = Meter(metrics.MemoryUsedBytes, metrics.MemoryTotalBytes);
        if (metrics.MemoryCacheBytes is not { } cache || metrics.MemoryTotalBytes <= 0)
        {
            return meter;
        }

        return meter with
        {
            CachePercent = Math.Min(Format.Percent(cache, metrics.MemoryTotalBytes), 100 - meter.Percent),
            CacheDetail = $"{Format.Bytes(Math.Max(0, cache))} cache",
        };
    }

    /// <summary>The machine's CPU split in whole percentages; null when the agent does not report it.</summary>
    public static CpuSplitViewModel? CpuSplit(CpuShares? shares) => shares is null
        ? null
        : new CpuSplitViewModel(Format.Percent(shares.User), Format.Percent(shares.Kernel), Format.Percent(shares.IoWait), Format.Percent(shares.Steal));

    /// <summary>
    /// One meter per logical core. Before the first full interval a node may report its core count without
    /// per-core values; those cores show as idle rather than vanishing.
    /// </summary>
    private static CoreBarViewModel[] CoreBars(NodeMetrics metrics)
    {
        var busy = metrics.CoreBusyPercent ?? [];
        var kernel = metrics.CoreKernelPercent ?? [];
        var count = Math.Max(metrics.LogicalCores, busy.Count);
        var bars = new CoreBarViewModel[count];
        for (var i = 0; i < count; i++)
        {
            var tenths = i < busy.Count ? Format.Tenths(busy[i]) : 0;
            bars[i] = new CoreBarViewModel((tenths + 5) / 10, tenths, Format.BandOfTenths(tenths))
            {
                // Kernel time is part of busy: a reading above it (two samples a moment apart) is cut to it.
                KernelTenths = i < kernel.Count ? Math.Min(Format.Tenths(kernel[i]), tenths) : null,
            };
        }

        return bars;
    }
}
