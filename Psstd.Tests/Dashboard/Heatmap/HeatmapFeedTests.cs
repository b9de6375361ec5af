using System.Net.ServerSentEvents;
using System.Text.Json;
using System.Threading.Channels;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Heatmap;
using Psstd.Dashboard.Preferences;
using static Psstd.Tests.Dashboard.Heatmap.HeatmapNodes;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Dashboard.Heatmap;

/// <summary>One client's events, driven answer by answer through the channel the shared poll would fill.</summary>
public sealed class HeatmapFeedTests
{
    private static readonly DashboardSettings Settings = new("/tmp/none.sock", DashboardSettings.DefaultHttp);
    private readonly RenderedHeatmaps _rendered = new();
    private readonly Channel<AgentResult<ClusterSnapshot>> _answers = Channel.CreateUnbounded<AgentResult<ClusterSnapshot>>();
    private readonly NodeSnapshot[] _nodes = Enumerable.Range(0, 20).Select(i => WithCpu($"n-{i:D2}", 15)).ToArray();

    [Fact]
    public async Task FirstEvent_IsWhatChangedSinceThePageWasRendered_ThenEachChangeAlone()
    {
        var page = Build(_nodes);
        var stamp = _rendered.Remember(page);
        await using var events = Events(page.LayoutKey, stamp);

        Send(Changed(_nodes, 4, 85));
        var first = await NextAsync(events);
        Assert.Equal(HeatmapFeed.SquaresEvent, first.EventType);
        Assert.Equal([_nodes[4].Id.ToString("N")], Squares(first).Select(s => s.Id));

        // Nothing drawn differs: no event; then one more square changes, and only it comes.
        Send(Changed(_nodes, 4, 86));
        Send(Changed(Changed(_nodes, 4, 86), 9, 0.5));
        var second = await NextAsync(events);
        var square = Assert.Single(Squares(second));
        Assert.Equal((_nodes[9].Id.ToString("N"), 0), (square.Id, square.B));
        Assert.Equal(0, _rendered.Count);
    }

    [Fact]
    public async Task UnknownStamp_SendsEverySquareOnce()
    {
        var page = Build(_nodes);
        await using var events = Events(page.LayoutKey, "0123456789abcdef");

        Send(_nodes);

        Assert.Equal(_nodes.Length, Squares(await NextAsync(events)).Count);
    }

    [Fact]
    public async Task NewLayout_SaysReshape_AndEnds()
    {
        var page = Build(_nodes);
        await using var events = Events(page.LayoutKey, _rendered.Remember(page));

        Send([.. _nodes, WithCpu("n-99", 1)]);

        Assert.Equal(HeatmapFeed.ReshapeEvent, (await NextAsync(events)).EventType);
        Assert.False(await events.MoveNextAsync());
    }

    [Fact]
    public async Task AgentFailure_IsAnEvent_AndTheStreamGoesOn()
    {
        var page = Build(_nodes);
        await using var events = Events(page.LayoutKey, _rendered.Remember(page));

        _answers.Writer.TryWrite(new AgentResult<ClusterSnapshot>(AgentOutcome.Unreachable, null, "refused"));
        Assert.Equal(HeatmapFeed.AgentErrorEvent, (await NextAsync(events)).EventType);
        Send(Changed(_nodes, 0, 99));
        Assert.Single(Squares(await NextAsync(events)));
    }

    private static HeatmapModel Build(IReadOnlyList<NodeSnapshot> nodes) =>
        HeatmapModelBuilder.Build(nodes, DisplayPreferences.Default, HeatmapMetric.Cpu, HeatmapGrouping.Prefix);

    private static NodeSnapshot[] Changed(NodeSnapshot[] nodes, int index, double cpu)
    {
        var copy = nodes.ToArray();
        copy[index] = copy[index] with { Metrics = copy[index].Metrics with { CpuBusyPercent = cpu } };
        return copy;
    }

    private void Send(NodeSnapshot[] nodes) =>
        _answers.Writer.TryWrite(new AgentResult<ClusterSnapshot>(AgentOutcome.Ok, Snapshot(nodes), ""));

    private IAsyncEnumerator<SseItem<string>> Events(string layout, string? stamp) =>
        new HeatmapFeed(Settings, _rendered)
            .EventsAsync(_answers.Reader, new HeatmapStreamRequest(DisplayPreferences.Default, HeatmapMetric.Cpu, HeatmapGrouping.Prefix, layout, stamp), CancellationToken.None)
            .GetAsyncEnumerator();

    private static async Task<SseItem<string>> NextAsync(IAsyncEnumerator<SseItem<string>> events)
    {
        var next = events.MoveNextAsync().AsTask();
        Assert.True(await next.WaitAsync(TimeSpan.FromSeconds(10)), "the stream ended");
        return events.Current;
    }

    private static IReadOnlyList<SquareUpdate> Squares(SseItem<string> item)
    {
        Assert.Equal(HeatmapFeed.SquaresEvent, item.EventType);
        return JsonSerializer.Deserialize(item.Data, HeatmapJsonContext.Default.HeatmapUpdate)!.Squares;
    }
}
