using System.Security.Cryptography;
using System.Text;
using Psstd.Contracts;
using Psstd.Dashboard.Preferences;

namespace Psstd.Dashboard.Heatmap;

/// <summary>
/// Which nodes the heatmap shows, in which groups and colours. Pure. The nodes are those the grid would show under
/// the same filters; order is by name within a group, groups by label, so a square keeps its place while values change.
/// </summary>
public static class HeatmapModelBuilder
{
    /// <summary>
    /// More groups than this do not fit a screen with their labels: the largest <c>MaxGroups - 1</c> keep their own,
    /// the rest share <see cref="OtherGroups"/>, placed last.
    /// </summary>
    public const int MaxGroups = 48;

    public const string OtherGroups = "other groups";

    public static HeatmapModel Build(IReadOnlyList<NodeSnapshot> nodes, DisplayPreferences preferences, HeatmapMetric metric, HeatmapGrouping grouping)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        ArgumentNullException.ThrowIfNull(preferences);
        ArgumentNullException.ThrowIfNull(grouping);
        var byLabel = new Dictionary<string, List<HeatmapSquare>>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (!NodeOrdering.IsVisible(node, preferences))
            {
                continue;
            }

            var label = grouping.LabelOf(node);
            if (!byLabel.TryGetValue(label, out var squares))
            {
                byLabel[label] = squares = [];
            }

            squares.Add(new HeatmapSquare(node, HeatmapMetrics.Bucket(node.Metrics, metric)));
        }

        var groups = Bounded(byLabel)
            .Select(g => new HeatmapGroup(g.Label, [.. g.Squares.OrderBy(s => s.Node.Name, StringComparer.OrdinalIgnoreCase)
                .ThenBy(s => s.Node.Name, StringComparer.Ordinal)
                .ThenBy(s => s.Id)]))
            .ToArray();
        return new HeatmapModel(groups, LayoutKey(groups));
    }

    /// <summary>Groups by label (the merged rest last), at most <see cref="MaxGroups"/>.</summary>
    private static IEnumerable<(string Label, IEnumerable<HeatmapSquare> Squares)> Bounded(Dictionary<string, List<HeatmapSquare>> byLabel)
    {
        var ordered = byLabel.OrderBy(g => g.Key, StringComparer.OrdinalIgnoreCase).ThenBy(g => g.Key, StringComparer.Ordinal);
        if (byLabel.Count <= MaxGroups)
        {
            return ordered.Select(g => (g.Key, (IEnumerable<HeatmapSquare>)g.Value));
        }

        var kept = byLabel
            .OrderByDescending(g => g.Value.Count)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .Take(MaxGroups - 1)
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        var rest = byLabel.Where(g => !kept.Contains(g.Key)).SelectMany(g => g.Value);
        return ordered.Where(g => kept.Contains(g.Key))
            .Select(g => (g.Key, (IEnumerable<HeatmapSquare>)g.Value))
            .Append((OtherGroups, rest));
    }

    private static string LayoutKey(IReadOnlyList<HeatmapGroup> groups)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> id = stackalloc byte[16];
        foreach (var group in groups)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(group.Label));
            hash.AppendData([0]);
            foreach (var square in group.Squares)
            {
                square.Id.TryWriteBytes(id);
                hash.AppendData(id);
            }

            hash.AppendData([0xff]);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 8));
    }
}
