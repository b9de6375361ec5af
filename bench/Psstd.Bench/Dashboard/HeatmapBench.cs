using System.Globalization;
using System.Net.ServerSentEvents;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Api;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Heatmap;
using Psstd.Dashboard.Preferences;

namespace Psstd.Bench;

/// <summary>
/// The heatmap next to the grid: the grid's partial (what a grid page fetches every poll), the heatmap page (fetched
/// once), and one live update of the heatmap stream when a share of the nodes change bucket, with what
/// <c>/api/cluster/stream</c> would send for the same change. Pages go through the real pipeline in memory
/// (<see cref="PartialBench"/>); the update through <see cref="HeatmapFeed"/> as the stream runs it.
/// </summary>
internal static class HeatmapBench
{
    public const string HeatmapPath = "/?view=heatmap";

    public static async Task RunAsync(TextWriter output, IReadOnlyList<int> sizes, int cores, double changedShare, bool pages = true)
    {
        output.WriteLine("| cluster | accept-encoding | median ms | p99 ms | CPU ms/req | allocated/req | raw | gzip (optimal) | as served |");
        output.WriteLine("|---|---|---|---|---|---|---|---|---|");
        foreach (var nodes in pages ? sizes : [])
        {
            var samples = nodes >= 10_000 ? 30 : 200;
            var warmup = nodes >= 10_000 ? 10 : 50;
            output.WriteLine(Label(await PartialBench.RunAsync(nodes, cores, warmup, samples, "gzip"), "grid partial"));
            output.WriteLine(Label(await PartialBench.RunAsync(nodes, cores, warmup, samples, "gzip", HeatmapPath), "heatmap page"));
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| cluster | nodes changing | squares sent | median ms | p99 ms | heatmap event bytes | gzip | /api/cluster/stream changes bytes |"));
        output.WriteLine("|---|---|---|---|---|---|---|---|");
        foreach (var nodes in sizes)
        {
            output.WriteLine(await UpdateAsync(nodes, cores, changedShare, samples: nodes >= 10_000 ? 50 : 200));
        }
    }

    /// <summary>
    /// Time from an agent answer reaching one stream client to its event being ready (model, diff, JSON), and the
    /// event's size as sent (SSE framing included, never compressed), answers alternating between two snapshots that
    /// differ in <paramref name="share"/> of the nodes' CPU bucket.
    /// </summary>
    private static async Task<string> UpdateAsync(int nodes, int cores, double share, int samples)
    {
        var calm = BenchSnapshots.Cluster(nodes, cores);
        var changing = (int)Math.Round(nodes * share);
        var random = new Random(7);
        var picked = Enumerable.Range(0, nodes).OrderBy(_ => random.Next()).Take(changing).ToHashSet();
        var busy = calm with
        {
            Nodes = calm.Nodes.Select((n, i) => picked.Contains(i)
                ? n with { Sequence = n.Sequence + 1, Metrics = n.Metrics with { CpuBusyPercent = (n.Metrics.CpuBusyPercent + 50) % 100 } }
                : n).ToArray(),
        };
        var rendered = new RenderedHeatmaps();
        var page = HeatmapModelBuilder.Build(calm.Nodes, DisplayPreferences.Default, HeatmapMetric.Cpu, HeatmapGrouping.Prefix);
        var request = new HeatmapStreamRequest(DisplayPreferences.Default, HeatmapMetric.Cpu, HeatmapGrouping.Prefix, page.LayoutKey, rendered.Remember(page));
        var answers = Channel.CreateUnbounded<AgentResult<ClusterSnapshot>>();
        var feed = new HeatmapFeed(new DashboardSettings("/tmp/none.sock", DashboardSettings.DefaultHttp), rendered);
        await using var events = feed.EventsAsync(answers.Reader, request, CancellationToken.None).GetAsyncEnumerator();

        var times = new double[samples];
        SseItem<string> last = default;
        var showsBusy = false;
        for (var i = -5; i < samples; i++)
        {
            // Every answer differs from the one before (the first from the page): each is one event.
            showsBusy = !showsBusy;
            var start = TimeProvider.System.GetTimestamp();
            answers.Writer.TryWrite(new AgentResult<ClusterSnapshot>(AgentOutcome.Ok, showsBusy ? busy : calm, ""));
            if (!await events.MoveNextAsync())
            {
                throw new InvalidOperationException("the heatmap stream ended");
            }

            last = events.Current;
            if (i >= 0)
            {
                times[i] = TimeProvider.System.GetElapsedTime(start).TotalMilliseconds;
            }
        }

        Array.Sort(times);
        var update = JsonSerializer.Deserialize(last.Data, HeatmapJsonContext.Default.HeatmapUpdate)!;
        var framed = $"event: {last.EventType}\ndata: {last.Data}\n\n";
        var wholeNodes = JsonSerializer.Serialize(ClusterDiff.Between(calm, busy), DashboardApiJsonContext.Default.ClusterChange);
        return string.Create(CultureInfo.InvariantCulture,
            $"| {nodes} x {cores} | {changing} ({share:P0}) | {update.Squares.Count} | {PartialBench.Percentile(times, 0.5):0.00} | {PartialBench.Percentile(times, 0.99):0.00} | {Encoding.UTF8.GetByteCount(framed) / 1024.0:0.0} KiB | {PartialBench.GzipSize(framed) / 1024.0:0.0} KiB | {Encoding.UTF8.GetByteCount(wholeNodes) / 1024.0:0} KiB |");
    }

    private static string Label(string row, string what) => row.Replace("| none |", $"| none ({what}) |", StringComparison.Ordinal)
        .Replace("| gzip |", $"| gzip ({what}) |", StringComparison.Ordinal);
}
