using Psstd.Contracts;
using Psstd.Dashboard.LoadRules;
using Psstd.ClusterView;

namespace Psstd.Dashboard.Preferences;

/// <summary>Which nodes the view shows and in what order. Pure; ties always fall back to the name, then the id.</summary>
public static class NodeOrdering
{
    public static IReadOnlyList<NodeSnapshot> Apply(IEnumerable<NodeSnapshot> nodes, DisplayPreferences preferences)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(preferences);
        var visible = nodes.Where(n => IsVisible(n, preferences));
        var ordered = (preferences.Sort, preferences.Descending) switch
        {
            (SortKey.Name, false) => visible.OrderBy(n => n.Name, StringComparer.OrdinalIgnoreCase),
            (SortKey.Name, true) => visible.OrderByDescending(n => n.Name, StringComparer.OrdinalIgnoreCase),
            (_, true) => visible.OrderByDescending(n => SortKeys.Measure(n, preferences.Sort)),
            _ => visible.OrderBy(n => SortKeys.Measure(n, preferences.Sort)),
        };
        return ordered
            .ThenBy(n => n.Name, StringComparer.OrdinalIgnoreCase)
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .ThenBy(n => n.Id)
            .ToArray();
    }

    /// <summary>
    /// Whether the cluster view shows <paramref name="node"/>. Forgotten nodes never: an operator asked for them to
    /// go; the summary counts them and their node pages still show them.
    /// </summary>
    public static bool IsVisible(NodeSnapshot node, DisplayPreferences preferences)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(preferences);
        if (node.Health == NodeHealth.Forgotten)
        {
            return false;
        }

        if (preferences.HideStale && node.Health is NodeHealth.Stale or NodeHealth.Suspect)
        {
            return false;
        }

        if (preferences.HideOffline && node.Health is NodeHealth.Offline or NodeHealth.Left)
        {
            return false;
        }

        return TagFilters.Matches(node, preferences.Tags) && NodeFilter.Matches(node, preferences.Filter);
    }
}
