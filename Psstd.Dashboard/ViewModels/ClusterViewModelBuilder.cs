using System.Globalization;
using SortKey = Psstd.Dashboard.Preferences.SortKey;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Formatting;
using Psstd.Dashboard.HotPotato;
using Psstd.Dashboard.LoadRules;
using Psstd.Dashboard.Preferences;

namespace Psstd.Dashboard.ViewModels;

/// <summary>Maps what the agent says to what the page shows. Pure: same snapshot and address, same view model.</summary>
public static class ClusterViewModelBuilder
{
    /// <summary>Above this many cores a cell switches to a dense strip (a 128-core host would overflow otherwise).</summary>
    public const int DenseCoreThreshold = 32;

    /// <summary>From this many visible nodes the grid becomes one compact row per node.</summary>
    public const int CompactNodeThreshold = 64;

    private const string Product = "psstd";

    private static readonly (SortKey Key, string Label)[] SortLabels =
    [
        (SortKey.Name, "name"), (SortKey.Cpu, "cpu"), (SortKey.CpuMax, "cpu max"), (SortKey.Mem, "mem %"),
        (SortKey.MemUsed, "mem used"), (SortKey.MemTotal, "mem total"), (SortKey.Load1, "load1"),
        (SortKey.Load5, "load5"), (SortKey.Load15, "load15"), (SortKey.Age, "age"),
    ];

    public static ClusterViewModel Build(ClusterSnapshot snapshot, PageAddress address)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(address);
        var preferences = PreferenceReader.Read(address.Query);
        var carried = address.WithoutHops();
        var nodes = NodeOrdering.Apply(snapshot.Nodes, preferences)
            .Select(n => Cell(n, snapshot.AgentVersion, carried))
            .ToArray();

        // Fresh, stale and offline always show (a zero is news too); the rarer states only when present.
        var counts = Enum.GetValues<NodeHealth>()
            .Select(h => (Health: h, Count: snapshot.Nodes.Count(n => n.Health == h)))
            .Where(c => c.Count > 0 || c.Health is NodeHealth.Fresh or NodeHealth.Stale or NodeHealth.Offline)
            .Select(c => new StateCountViewModel(StateName(c.Health), c.Count))
            .ToArray();
        var scored = snapshot.Nodes
            .Where(n => n.Health == NodeHealth.Fresh)
            .Select(n => (Node: n, Score: NodeScore.Of(n.Metrics)))
            .OrderBy(s => s.Score)
            .ThenBy(s => s.Node.Name, StringComparer.Ordinal)
            .ToArray();
        var hottest = scored.Length == 0 ? "" : Describe(scored.MaxBy(s => s.Score));
        var quietest = scored.Length == 0 ? "" : Describe(scored[0]);
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
            Controls(address, preferences));
    }

    /// <summary>The page without a cluster: only the sentence that says why, and the controls so nothing is lost.</summary>
    public static ClusterViewModel Unavailable(string socketPath, AgentOutcome outcome, string detail, PageAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new(Product, "", "", [], Format.AgentProblem(outcome, detail, socketPath), [], 0, "", "",
            RefreshIntervalRule.CalmSeconds, address.Url, false, Controls(address, PreferenceReader.Read(address.Query)));
    }

    public static string StateName(NodeHealth health) => health switch
    {
        NodeHealth.Fresh => "fresh",
        NodeHealth.Stale => "stale",
        NodeHealth.Suspect => "suspect",
        NodeHealth.Offline => "offline",
        NodeHealth.Left => "left",
        NodeHealth.Forgotten => "forgotten",
        _ => "unknown",
    };

    private static string Describe((NodeSnapshot Node, double Score) scored) => $"{scored.Node.Name} {Format.Score(scored.Score)}";

    private static ControlsViewModel Controls(PageAddress address, DisplayPreferences preferences)
    {
        var edited = new HashSet<string>(StringComparer.Ordinal)
        {
            QueryNames.Filter, QueryNames.HideStale, QueryNames.HideOffline, QueryNames.Theme, QueryNames.Palette,
        };
        var hidden = address.Query
            .Where(p => !edited.Contains(p.Key))
            .Select(p => new HiddenFieldViewModel(p.Key, p.Value))
            .ToArray();
        var links = SortLabels.Select(s =>
        {
            var active = s.Key == preferences.Sort;
            var descending = active ? !preferences.Descending : PreferenceReader.DefaultDescending(s.Key);
            var query = UrlQuery.With(
                address.Query,
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

    private static NodeCellViewModel Cell(NodeSnapshot node, string localVersion, IReadOnlyList<KeyValuePair<string, string>> carried)
    {
        var m = node.Metrics;
        var cores = CoreBars(m);
        return new NodeCellViewModel(
            string.Create(CultureInfo.InvariantCulture, $"node-{node.Id:N}"),
            node.Name,
            StateName(node.Health),
            Format.Freshness(node.Health, node.AgeSeconds),
            cores,
            CoreStripHtml.Render(cores),
            cores.Length > DenseCoreThreshold,
            Format.Percent(m.CpuBusyPercent),
            Format.Percent(m.MemoryUsedBytes, m.MemoryTotalBytes),
            Format.Band(Format.Percent(m.MemoryUsedBytes, m.MemoryTotalBytes)),
            $"{Format.Bytes(m.MemoryUsedBytes)} / {Format.Bytes(m.MemoryTotalBytes)}",
            Format.Percent(m.SwapUsedBytes, m.SwapTotalBytes),
            m.SwapTotalBytes > 0 ? $"{Format.Bytes(m.SwapUsedBytes)} / {Format.Bytes(m.SwapTotalBytes)}" : "no swap",
            Format.Load(m.Load1, m.Load5, m.Load15),
            $"r {Format.Rate(m.DiskReadBytesPerSecond)} w {Format.Rate(m.DiskWriteBytesPerSecond)}",
            $"rx {Format.Rate(m.NetRxBytesPerSecond)} tx {Format.Rate(m.NetTxBytesPerSecond)}",
            Format.Uptime(m.UptimeSeconds),
            Format.Score(NodeScore.Of(m)),
            DashboardLink.IsUsable(node.DashboardUrl) ? UrlQuery.Rebase(node.DashboardUrl, carried) : null,
            node.IsSelf,
            node.AgentVersion,
            !string.Equals(node.AgentVersion, localVersion, StringComparison.Ordinal));
    }

    /// <summary>
    /// One bar per logical core. Before the first full interval a node may report its core count without
    /// per-core values; those cores show as idle rather than vanishing.
    /// </summary>
    private static CoreBarViewModel[] CoreBars(NodeMetrics metrics)
    {
        var busy = metrics.CoreBusyPercent ?? [];
        var count = Math.Max(metrics.LogicalCores, busy.Count);
        var bars = new CoreBarViewModel[count];
        for (var i = 0; i < count; i++)
        {
            var percent = i < busy.Count ? Format.Percent(busy[i]) : 0;
            bars[i] = new CoreBarViewModel(percent, Format.Band(percent));
        }

        return bars;
    }
}
