using Psstd.Contracts;

namespace Psstd.Dashboard.Preferences;

/// <summary>
/// The filter box: whitespace-separated terms, each of which must appear (case-insensitively) in the node's
/// name or in one of its tags (as <c>key=value</c>).
/// </summary>
public static class NodeFilter
{
    public static bool Matches(NodeSnapshot node, string filter)
    {
        ArgumentNullException.ThrowIfNull(node);
        foreach (var term in (filter ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var found = node.Name.Contains(term, StringComparison.OrdinalIgnoreCase)
                || TagsOf(node).Any(tag => tag.Contains(term, StringComparison.OrdinalIgnoreCase));
            if (!found)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The node's tags as <c>key=value</c>, in key order; none from an agent too old to send them.</summary>
    public static IReadOnlyList<string> TagsOf(NodeSnapshot node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Tags is { Count: > 0 } tags
            ? tags.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"{t.Key}={t.Value}").ToArray()
            : [];
    }
}
