using Psstd.Dashboard.Preferences;

namespace Psstd.Dashboard.Heatmap;

/// <summary>
/// The heatmap's part of the query: <c>view</c>, <c>metric</c>, <c>group</c>, with every value checked against a
/// fixed list. A value that is not on it falls back to the default and says so in <see cref="Problems"/> (with those
/// of the <c>tag</c> filters): the page shows the sentences, the stream answers 400 with them.
/// </summary>
public sealed record HeatmapQuery(HeatmapView View, HeatmapMetric Metric, HeatmapGrouping Grouping, IReadOnlyList<string> Problems)
{
    public static HeatmapQuery Default { get; } = new(HeatmapView.Auto, HeatmapMetric.Cpu, HeatmapGrouping.Prefix, []);

    public static IReadOnlyList<string> ViewTokens { get; } = ["auto", "grid", "heatmap"];

    public static HeatmapQuery Read(IReadOnlyList<KeyValuePair<string, string>> query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var problems = new List<string>();
        var view = HeatmapView.Auto;
        var metric = HeatmapMetric.Cpu;
        var grouping = HeatmapGrouping.Prefix;
        if (First(query, QueryNames.View) is { } viewText)
        {
            var index = IndexOf(ViewTokens, viewText);
            if (index >= 0)
            {
                view = (HeatmapView)index;
            }
            else
            {
                problems.Add(Unknown(QueryNames.View, viewText, ViewTokens, "auto"));
            }
        }

        if (First(query, QueryNames.Metric) is { } metricText)
        {
            var tokens = HeatmapMetrics.All.Select(HeatmapMetrics.Token).ToArray();
            var index = IndexOf(tokens, metricText);
            if (index >= 0)
            {
                metric = HeatmapMetrics.All[index];
            }
            else
            {
                problems.Add(Unknown(QueryNames.Metric, metricText, tokens, HeatmapMetrics.Token(metric)));
            }
        }

        if (First(query, QueryNames.Group) is { } groupText)
        {
            if (HeatmapGrouping.TryParse(groupText) is { } parsed)
            {
                grouping = parsed;
            }
            else
            {
                problems.Add($"group \"{TagFilters.Shown(groupText)}\" is not one of prefix, none, tag:KEY ({TagFilter.KeyRule}); showing prefix.");
            }
        }

        problems.AddRange(TagFilters.Read(query).Problems);
        return new HeatmapQuery(view, metric, grouping, problems);
    }

    private static string Unknown(string name, string value, IReadOnlyList<string> allowed, string fallback) =>
        $"{name} \"{TagFilters.Shown(value)}\" is not one of {string.Join(", ", allowed)}; showing {fallback}.";

    private static int IndexOf(IReadOnlyList<string> tokens, string value)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (string.Equals(tokens[i], value, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The first non-empty value of <paramref name="name"/>; an empty one is no choice (a form's blank select).</summary>
    private static string? First(IReadOnlyList<KeyValuePair<string, string>> query, string name)
    {
        foreach (var pair in query)
        {
            if (string.Equals(pair.Key, name, StringComparison.Ordinal) && pair.Value.Length > 0)
            {
                return pair.Value;
            }
        }

        return null;
    }
}
