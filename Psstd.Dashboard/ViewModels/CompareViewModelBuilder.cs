using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Charts;
using Psstd.Dashboard.Formatting;
using Psstd.Dashboard.LoadRules;
using Psstd.Dashboard.Preferences;

namespace Psstd.Dashboard.ViewModels;

/// <summary>Maps the requested nodes, their histories and the cluster to the compare page. Pure: the clock is the window.</summary>
public static class CompareViewModelBuilder
{
    /// <summary>The picker lists at most this many nodes; any other can be typed in by name or id.</summary>
    public const int MaxChoices = 200;

    private const string Product = "psstd";

    /// <summary>
    /// The nodes of <paramref name="snapshot"/> that <paramref name="request"/> names, in its order and each once
    /// (a name and the same node's id count once), and the names that match no node.
    /// </summary>
    public static (IReadOnlyList<NodeSnapshot> Found, IReadOnlyList<string> Unknown) Resolve(ClusterSnapshot snapshot, CompareRequest request)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(request);
        var found = new List<NodeSnapshot>();
        var unknown = new List<string>();
        foreach (var name in request.Names)
        {
            var node = NodePageViewModelBuilder.Find(snapshot, name);
            if (node is null)
            {
                unknown.Add(name);
            }
            else if (!found.Exists(n => n.Id == node.Id))
            {
                found.Add(node);
            }
        }

        return (found, unknown);
    }

    /// <param name="histories">One result per node of <paramref name="nodes"/>, in the same order.</param>
    public static CompareViewModel Build(
        ClusterSnapshot snapshot,
        CompareRequest request,
        IReadOnlyList<NodeSnapshot> nodes,
        IReadOnlyList<string> unknown,
        IReadOnlyList<AgentResult<NodeHistory>> histories,
        NodeWindow window,
        PageAddress address)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(histories);
        ArgumentNullException.ThrowIfNull(window);
        ArgumentNullException.ThrowIfNull(address);
        var lines = nodes.Select((node, i) => new CompareCharts.NodeLine(node.Name, node.Metrics, PointsOf(histories[i]))).ToArray();
        var resolution = histories.Select(h => h.IsOk ? NodePageViewModelBuilder.ResolutionOf(h.Value, window) : window.Resolution.TotalSeconds).DefaultIfEmpty(window.Resolution.TotalSeconds).Max();
        var errors = nodes.Select((node, i) => histories[i].IsOk ? null : $"{node.Name}: {HistoryProblem(histories[i])}").OfType<string>().ToArray();
        var legend = nodes.Select((node, i) => new CompareNodeViewModel(
            $"n{i}", node.Name, HealthNames.Of(node.Health), NodeLinks.WithQuery(NodeLinks.Page(address.PathBase, node.Name), address))).ToArray();
        return Page(snapshot.Cluster, snapshot.SelfName, request, address) with
        {
            Nodes = legend,
            Unknown = unknown,
            Charts = nodes.Count == 0 ? [] : CompareCharts.Build(lines, window.Since, window.Until, resolution, $"-{window.Range.Token}"),
            HistoryErrors = errors,
            Choices = Choices(snapshot, nodes),
            ChoicesLeftOut = Math.Max(0, snapshot.Nodes.Count(n => n.Health != NodeHealth.Forgotten) - MaxChoices),
            RefreshSeconds = RefreshIntervalRule.Seconds(snapshot.Nodes),
        };
    }

    /// <summary>The page when the agent failed: the cluster page's sentence, nothing else.</summary>
    public static CompareViewModel Unavailable(string socketPath, AgentOutcome outcome, string detail, CompareRequest request, PageAddress address)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Page("", "", request, address) with { AgentError = Format.AgentProblem(outcome, detail, socketPath) };
    }

    /// <summary>
    /// The compared nodes first, ticked; then the others by name (forgotten ones left out), up to
    /// <see cref="MaxChoices"/> in all.
    /// </summary>
    public static IReadOnlyList<CompareChoiceViewModel> Choices(ClusterSnapshot snapshot, IReadOnlyList<NodeSnapshot> compared)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(compared);
        var ids = compared.Select(n => n.Id).ToHashSet();
        var others = snapshot.Nodes
            .Where(n => n.Health != NodeHealth.Forgotten && !ids.Contains(n.Id))
            .OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .Select(n => n.Name)
            .Distinct(StringComparer.Ordinal)
            .Take(Math.Max(0, MaxChoices - compared.Count));
        return [.. compared.Select(n => new CompareChoiceViewModel(n.Name, true)), .. others.Select(n => new CompareChoiceViewModel(n, false))];
    }

    private static CompareViewModel Page(string cluster, string self, CompareRequest request, PageAddress address)
    {
        var preferences = PreferenceReader.Read(address.Query);
        var range = HistoryRange.Read(address.Query);
        var carried = address.Carried();
        var title = cluster.Length > 0 ? $"{Product} · compare · {cluster}" : $"{Product} · compare";
        return new CompareViewModel(
            title,
            cluster,
            self,
            [],
            [],
            request.Dropped,
            [],
            [],
            null,
            range.Token,
            RangeLinks.For(address.Path, address, range, request.Pairs()),
            [],
            0,
            address.Path,
            carried.Select(p => new HiddenFieldViewModel(p.Key, p.Value)).ToArray(),
            NodeLinks.WithQuery($"{address.PathBase}/", address),
            RefreshIntervalRule.CalmSeconds,
            UrlQuery.Build(address.Path, [.. carried, .. request.Pairs()]),
            preferences.Theme,
            preferences.Palette);
    }

    private static IReadOnlyList<HistoryPoint> PointsOf(AgentResult<NodeHistory> history) => history.IsOk ? history.Value.Points : [];

    private static string HistoryProblem(AgentResult<NodeHistory> history) =>
        history.StatusCode == StatusCodes.Status404NotFound ? "the agent keeps no history for it (yet)" : $"history unavailable: {history.Detail}";
}
