using System.Globalization;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Formatting;

namespace Psstd.Dashboard.ViewModels;

/// <summary>Maps what the agent says to what the page shows. Pure: same snapshot, same view model.</summary>
public static class ClusterViewModelBuilder
{
    /// <summary>Above this many cores a cell switches to dense bars (a 128-core host would overflow otherwise).</summary>
    public const int DenseCoreThreshold = 32;

    private const string Product = "psstd";

    public static ClusterViewModel Build(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var nodes = snapshot.Nodes
            .OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .ThenBy(n => n.Id)
            .Select(n => Cell(n, snapshot.AgentVersion))
            .ToArray();
        // Fresh, stale and offline always show (a zero is news too); the rarer states only when present.
        var counts = Enum.GetValues<NodeHealth>()
            .Select(h => (Health: h, Count: snapshot.Nodes.Count(n => n.Health == h)))
            .Where(c => c.Count > 0 || c.Health is NodeHealth.Fresh or NodeHealth.Stale or NodeHealth.Offline)
            .Select(c => new StateCountViewModel(StateName(c.Health), c.Count))
            .ToArray();
        return new ClusterViewModel($"{Product} · {snapshot.Cluster}", snapshot.Cluster, snapshot.SelfName, nodes, null, counts);
    }

    /// <summary>The page without a cluster: only the sentence that says why.</summary>
    public static ClusterViewModel Unavailable(string socketPath, AgentOutcome outcome, string detail) =>
        new(Product, "", "", [], Format.AgentProblem(outcome, detail, socketPath), []);

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

    private static NodeCellViewModel Cell(NodeSnapshot node, string localVersion)
    {
        var metrics = node.Metrics;
        var cores = CoreBars(metrics);
        return new NodeCellViewModel(
            node.Name,
            StateName(node.Health),
            Format.Age(node.AgeSeconds),
            cores,
            cores.Length > DenseCoreThreshold,
            Format.Percent(metrics.MemoryUsedBytes, metrics.MemoryTotalBytes),
            $"{Format.Bytes(metrics.MemoryUsedBytes)} / {Format.Bytes(metrics.MemoryTotalBytes)}",
            Format.Load(metrics.Load1, metrics.Load5, metrics.Load15),
            LinkOrNull(node.DashboardUrl),
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
            var label = string.Create(CultureInfo.InvariantCulture, $"cpu{i}");
            var percent = i < busy.Count ? Format.Percent(busy[i]) : 0;
            bars[i] = new CoreBarViewModel(label, percent, string.Create(CultureInfo.InvariantCulture, $"{label} {percent}%"));
        }

        return bars;
    }

    /// <summary>
    /// Dashboard URLs arrive by gossip from any peer that holds the cluster key; only http(s) becomes a
    /// link, so a peer cannot plant <c>javascript:</c> in everyone's page.
    /// </summary>
    private static string? LinkOrNull(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? url
            : null;
}
