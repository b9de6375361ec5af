using System.Globalization;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Charts;
using Psstd.Dashboard.Formatting;
using Psstd.Dashboard.LoadRules;
using Psstd.Dashboard.Preferences;
using Psstd.Dashboard.Trust;

namespace Psstd.Dashboard.ViewModels;

/// <summary>Maps a node, its history and its events to the node page. Pure: the clock is an argument.</summary>
public static class NodePageViewModelBuilder
{
    /// <summary>How many recent events the page lists.</summary>
    public const int EventLimit = 20;

    private const string Product = "psstd";

    /// <summary>
    /// The node the page is about: by name first (a live node before a forgotten one of the same name), then by id,
    /// so a link made from either finds it. Null when the agent knows no such node.
    /// </summary>
    public static NodeSnapshot? Find(ClusterSnapshot snapshot, string nameOrId)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var byName = snapshot.Nodes
            .Where(n => string.Equals(n.Name, nameOrId, StringComparison.Ordinal))
            .OrderBy(n => n.Health == NodeHealth.Forgotten)
            .ThenByDescending(n => n.IsSelf)
            .FirstOrDefault();
        return byName ?? (Guid.TryParse(nameOrId, out var id) ? snapshot.Nodes.FirstOrDefault(n => n.Id == id) : null);
    }

    public static NodePageViewModel Build(
        ClusterSnapshot snapshot,
        NodeSnapshot node,
        NodeWindow window,
        AgentResult<NodeHistory> history,
        AgentResult<ClusterEventList> events,
        DateTimeOffset now,
        PageAddress address,
        PeerDashboards peers)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(address);
        var cell = ClusterViewModelBuilder.Cell(node, snapshot.AgentVersion, CellLinks.For(address, peers));
        var charts = history.IsOk
            ? NodeCharts.Build(history.Value.Points, window.Since, window.Until, ResolutionOf(history.Value, window), node.Metrics, $"-{window.Range.Token}")
            : [];
        var eventList = events.IsOk
            ? events.Value.Events.Where(e => e.NodeId == node.Id || e.NodeName == node.Name).Take(EventLimit).Select(e => Event(e, now)).ToArray()
            : [];
        return Page(snapshot.Cluster, snapshot.SelfName, node.Name, address) with
        {
            Node = cell,
            Facts = Facts(node),
            Charts = charts,
            HistoryError = history.IsOk ? null : HistoryProblem(history),
            Events = eventList,
            EventsError = events.IsOk ? null : $"Events unavailable: {events.Detail}",
            Alerts = AlertListBuilder.Build([.. (snapshot.Alerts ?? []).Where(a => a.NodeId == node.Id)], address, CellLinks.For(address, peers).Suffix),
            RefreshSeconds = RefreshIntervalRule.Seconds(snapshot.Nodes),
        };
    }

    /// <summary>The page when the agent failed: the cluster page's sentence, nothing else.</summary>
    public static NodePageViewModel Unavailable(string socketPath, AgentOutcome outcome, string detail, string name, PageAddress address) =>
        Page("", "", name, address) with { AgentError = Format.AgentProblem(outcome, detail, socketPath) };

    /// <summary>The page for a name the agent does not know.</summary>
    public static NodePageViewModel NotFound(ClusterSnapshot snapshot, string name, PageAddress address)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return Page(snapshot.Cluster, snapshot.SelfName, name, address) with { NotFound = true };
    }

    public static EventViewModel Event(ClusterEvent e, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(e);
        var at = e.At.ToUniversalTime();
        var ago = (now - at).TotalSeconds;
        return new EventViewModel(
            KindName(e.Kind),
            at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            at.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ago >= 0 ? $"{Format.Duration(ago)} ago" : "just now",
            e.Detail);
    }

    public static string KindName(ClusterEventKind kind) => kind switch
    {
        ClusterEventKind.Join => "join",
        ClusterEventKind.Stale => "stale",
        ClusterEventKind.Suspect => "suspect",
        ClusterEventKind.Offline => "offline",
        ClusterEventKind.Left => "left",
        ClusterEventKind.Recovered => "recovered",
        ClusterEventKind.Forgotten => "forgotten",
        ClusterEventKind.VersionChange => "version",
        ClusterEventKind.AlertFiring => "alert-firing",
        ClusterEventKind.AlertResolved => "alert-resolved",
        _ => "other",
    };

    private static NodePageViewModel Page(string cluster, string self, string name, PageAddress address)
    {
        var preferences = PreferenceReader.Read(address.Query);
        var range = HistoryRange.Read(address.Query);
        return new NodePageViewModel(
            cluster.Length > 0 ? $"{Product} · {name} · {cluster}" : $"{Product} · {name}",
            cluster,
            self,
            name,
            null,
            [],
            [],
            null,
            [],
            null,
            null,
            false,
            NodeLinks.WithQuery($"{address.PathBase}/", address),
            NodeLinks.WithQuery(NodeLinks.Export(address.PathBase, name, HistoryExportFormat.Csv), address),
            NodeLinks.WithQuery(NodeLinks.Export(address.PathBase, name, HistoryExportFormat.Ndjson), address),
            RefreshIntervalRule.CalmSeconds,
            address.Url,
            preferences.Theme,
            preferences.Palette,
            range.Token,
            RangeLinks.For(address.Path, address, range),
            UrlQuery.Build($"{address.PathBase}/compare", [.. address.Carried(), new(QueryNames.CompareNode, name)]));
    }

    /// <summary>
    /// The charts' cell: the spacing asked for, or the agent's when it says it used a coarser one (a finer one would
    /// only leave every other cell empty).
    /// </summary>
    public static double ResolutionOf(NodeHistory history, NodeWindow window) =>
        double.IsFinite(history.ResolutionSeconds) && history.ResolutionSeconds > window.Resolution.TotalSeconds
            ? history.ResolutionSeconds
            : window.Resolution.TotalSeconds;

    private static string HistoryProblem(AgentResult<NodeHistory> history) =>
        history.StatusCode == StatusCodes.Status404NotFound
            ? "The agent keeps no history for this node (yet)."
            : $"History unavailable: {history.Detail}";

    private static KeyValuePair<string, string>[] Facts(NodeSnapshot node)
    {
        var m = node.Metrics;
        return
        [
            new("id", node.Id.ToString()),
            new("generation", node.Generation.ToString(CultureInfo.InvariantCulture)),
            new("sequence", node.Sequence.ToString(CultureInfo.InvariantCulture)),
            new("ttl", Format.Duration(node.TtlSeconds)),
            new("gossip", node.GossipAddress),
            new("cores", m.LogicalCores.ToString(CultureInfo.InvariantCulture)),
            new("processes", m.ProcessCount.ToString(CultureInfo.InvariantCulture)),
            new("root fs", Format.UsedOfTotal(m.RootFsUsedBytes, m.RootFsTotalBytes)),
            .. NodeFilter.TagsOf(node) is { Count: > 0 } tags ? [new KeyValuePair<string, string>("tags", string.Join(' ', tags))] : Array.Empty<KeyValuePair<string, string>>(),
        ];
    }
}
