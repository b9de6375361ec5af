using Psstd.Contracts;
using Psstd.ClusterView;

namespace Psstd.Agent.Terminal;

/// <summary>Orders nodes by a sort key, as the dashboard does: measures largest first, names A to Z, ties by name.</summary>
internal static class NodeOrder
{
    public static IReadOnlyList<NodeSnapshot> Sort(IEnumerable<NodeSnapshot> nodes, SortKey key)
    {
        var byName = nodes.OrderBy(n => n.Name, StringComparer.Ordinal).ThenBy(n => n.Id);
        return key == SortKey.Name
            ? [.. byName]
            : [.. nodes.OrderByDescending(n => SortKeys.Measure(n, key)).ThenBy(n => n.Name, StringComparer.Ordinal).ThenBy(n => n.Id)];
    }
}
