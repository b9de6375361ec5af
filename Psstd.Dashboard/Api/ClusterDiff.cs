using Psstd.Contracts;

namespace Psstd.Dashboard.Api;

/// <summary>What changed between two snapshots. Pure. Ages alone do not count: they move every second.</summary>
public static class ClusterDiff
{
    public static ClusterChange Between(ClusterSnapshot previous, ClusterSnapshot current)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var before = previous.Nodes.ToDictionary(n => n.Id);
        var changed = current.Nodes
            .Where(n => !before.TryGetValue(n.Id, out var old)
                || old.Generation != n.Generation
                || old.Sequence != n.Sequence
                || old.Health != n.Health
                || !string.Equals(old.DashboardUrl, n.DashboardUrl, StringComparison.Ordinal))
            .ToArray();
        var now = current.Nodes.Select(n => n.Id).ToHashSet();
        var removed = previous.Nodes.Where(n => !now.Contains(n.Id)).Select(n => n.Id).ToArray();
        return new ClusterChange(changed, removed);
    }
}
