using Psstd.Contracts;
using Psstd.Dashboard.Heatmap;
using Psstd.Dashboard.LoadRules;
using Psstd.Dashboard.Preferences;
using Psstd.Dashboard.Trust;

namespace Psstd.Dashboard.ViewModels;

/// <summary>Maps a snapshot and the page's query to the heatmap page. Pure.</summary>
public static class HeatmapPageBuilder
{
    /// <summary>Up to this many squares the large size; up to <see cref="MediumUpTo"/> the medium; beyond, the small.</summary>
    public const int LargeUpTo = 1000;

    public const int MediumUpTo = 3000;

    /// <summary>Tag keys offered for grouping, at most: peers choose them, and each is an option on the page.</summary>
    public const int MaxGroupingKeys = 16;

    private const string Product = "psstd";

    public static HeatmapPageViewModel Build(ClusterSnapshot snapshot, PageAddress address, PeerDashboards peers, HeatmapQuery query)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(address);
        ArgumentNullException.ThrowIfNull(query);
        var preferences = PreferenceReader.Read(address.Query);
        var map = HeatmapModelBuilder.Build(snapshot.Nodes, preferences, query.Metric, query.Grouping);
        var carried = address.Carried();
        var stream = UrlQuery.Build(
            $"{address.PathBase}{HeatmapApiEndpoints.Stream}",
            [.. carried, new(HeatmapApiEndpoints.LayoutParameter, map.LayoutKey)]);
        return new HeatmapPageViewModel(
            $"{Product} · {snapshot.Cluster}",
            snapshot.Cluster,
            snapshot.SelfName,
            map,
            CellLinks.For(address, peers),
            SizeClass(map.Count),
            stream,
            query.Problems,
            [.. HeatmapFeed.Counts(map).Select(c => new StateCountViewModel(c.State, c.Count))],
            snapshot.Nodes.Count(n => n.Health != NodeHealth.Forgotten),
            RefreshIntervalRule.Seconds(snapshot.Nodes),
            Controls(snapshot, address, preferences, query))
        {
            MetricLabel = HeatmapMetrics.Label(query.Metric),
            GridUrl = UrlQuery.Build(address.Path, UrlQuery.With(carried, new KeyValuePair<string, string>(QueryNames.View, "grid"))),
            CompareUrl = NodeLinks.WithQuery($"{address.PathBase}/compare", address),
            AlertsUrl = NodeLinks.WithQuery($"{address.PathBase}/alerts", address),
            Alerts = AlertsSectionViewModel.Build(snapshot, address, CellLinks.For(address, peers).Suffix),
        };
    }

    public static string SizeClass(int squares) => squares switch
    {
        <= LargeUpTo => "hm-l",
        <= MediumUpTo => "hm-m",
        _ => "hm-s",
    };

    /// <summary>
    /// How wide a group is drawn, in squares: a power of two from 8 to 128 near the square root of four times its size
    /// (about four times as wide as high: screens are wide, and labels take a line), or <c>wfull</c> beyond, as a class so the page needs no style attribute.
    /// </summary>
    public static string WidthClass(int squares)
    {
        var columns = 8;
        while (columns * columns < 4 * squares && columns < 256)
        {
            columns *= 2;
        }

        return columns > 128 ? "wfull" : $"w{columns}";
    }

    private static HeatmapControlsViewModel Controls(ClusterSnapshot snapshot, PageAddress address, DisplayPreferences preferences, HeatmapQuery query)
    {
        var edited = new HashSet<string>(StringComparer.Ordinal)
        {
            QueryNames.Metric, QueryNames.Group, QueryNames.Filter, QueryNames.HideStale, QueryNames.HideOffline,
            QueryNames.Theme, QueryNames.Palette,
        };
        var carried = address.Carried();
        var hidden = carried.Where(p => !edited.Contains(p.Key)).Select(p => new HiddenFieldViewModel(p.Key, p.Value)).ToArray();
        var metrics = HeatmapMetrics.All
            .Select(m => new OptionViewModel(HeatmapMetrics.Token(m), HeatmapMetrics.Label(m), m == query.Metric))
            .ToArray();
        var keys = snapshot.Nodes
            .SelectMany(n => n.Tags?.Keys ?? [])
            .Where(TagFilter.IsKey)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Take(MaxGroupingKeys);
        if (query.Grouping.Kind == HeatmapGroupingKind.Tag)
        {
            keys = keys.Append(query.Grouping.TagKey).Distinct(StringComparer.Ordinal);
        }

        HeatmapGrouping[] groupings = [HeatmapGrouping.Prefix, HeatmapGrouping.None, .. keys.Select(HeatmapGrouping.ByTag)];
        var options = groupings
            .Select(g => new OptionViewModel(g.Token, g.Kind == HeatmapGroupingKind.Tag ? $"tag {g.TagKey}" : g.Token, g == query.Grouping))
            .ToArray();
        var tags = preferences.Tags
            .Select(t => new TagFilterViewModel(
                t.Text,
                UrlQuery.Build(address.Path, [.. carried.Where(p => !(p.Key == QueryNames.Tag && TagFilter.TryParse(p.Value, out _) == t))])))
            .ToArray();
        return new HeatmapControlsViewModel(
            address.Path,
            hidden,
            metrics,
            options,
            tags,
            preferences.Filter,
            preferences.HideStale,
            preferences.HideOffline,
            preferences.Theme,
            preferences.Palette,
            DisplayPreferences.Themes,
            DisplayPreferences.Palettes);
    }
}
