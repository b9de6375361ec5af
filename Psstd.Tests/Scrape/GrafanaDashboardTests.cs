using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Prometheus;
using Psstd.Dashboard.Scrape;
using Psstd.Tests.Support;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Scrape;

/// <summary>deploy/grafana's dashboard asks only for series that <c>/metrics</c> serves, by the labels it has.</summary>
public sealed partial class GrafanaDashboardTests
{
    [Fact]
    public async Task EverySeriesTheDashboardQueries_IsOneMetricsServes()
    {
        var dashboard = JsonNode.Parse(await File.ReadAllTextAsync(RepositoryRoot.File("deploy", "grafana", "psstd-cluster.json")))!;
        var queries = dashboard["panels"]!.AsArray().SelectMany(p => p!["targets"]!.AsArray().Select(t => t!["expr"]!.GetValue<string>()))
            .Append(dashboard["templating"]!["list"]!.AsArray().Single(v => v!["name"]!.GetValue<string>() == "node")!["definition"]!.GetValue<string>())
            .ToList();

        var gauges = new ClusterGauges();
        gauges.Show(Snapshot(Node("a")));
        using var text = new MemoryStream();
        await gauges.Registry.CollectAndExportAsTextAsync(text, ExpositionFormat.PrometheusText, CancellationToken.None);
        var served = Exposition.Read(System.Text.Encoding.UTF8.GetString(text.ToArray()));

        var asked = queries.SelectMany(q => SeriesName().Matches(q).Select(m => m.Value)).Distinct().ToList();
        Assert.True(asked.Count >= 10, $"only {asked.Count} series found in the dashboard's queries");
        Assert.All(asked, name => Assert.Contains(served, s => s.Name == name));
        Assert.All(queries.Where(q => q.Contains("by (", StringComparison.Ordinal)), q =>
            Assert.All(ByLabels().Matches(q).SelectMany(m => m.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries)), label =>
                Assert.Contains(served, s => s.Labels.ContainsKey(label))));
    }

    [GeneratedRegex("psstd_[a-z0-9_]+")]
    private static partial Regex SeriesName();

    [GeneratedRegex(@"by \(([a-z_, ]+)\)")]
    private static partial Regex ByLabels();
}
