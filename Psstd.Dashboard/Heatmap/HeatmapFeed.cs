using System.Net.ServerSentEvents;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Api;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Formatting;

namespace Psstd.Dashboard.Heatmap;

/// <summary>
/// The events of one heatmap stream: <c>squares</c> with only the squares whose bucket or health changed (the first
/// one relative to what the page was rendered with), <c>reshape</c> when the page's squares would no longer be the
/// same nodes in the same places (the page then loads again), and <c>agent-error</c> while the agent fails.
/// </summary>
/// <remarks>The answers come from the shared <see cref="ClusterPoll"/>, like those of <c>/api/cluster/stream</c>.</remarks>
public sealed class HeatmapFeed(DashboardSettings settings, RenderedHeatmaps rendered)
{
    public const string SquaresEvent = "squares";
    public const string ReshapeEvent = "reshape";
    public const string AgentErrorEvent = "agent-error";

    public async IAsyncEnumerable<SseItem<string>> EventsAsync(
        ChannelReader<AgentResult<ClusterSnapshot>> answers,
        HeatmapStreamRequest request,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(request);
        IReadOnlyDictionary<Guid, SquareState>? shown = null;
        await foreach (var result in answers.ReadAllAsync(cancellationToken))
        {
            if (!result.IsOk)
            {
                var error = new ApiError(Format.AgentProblem(result.Outcome, result.Detail, settings.SocketPath));
                yield return new SseItem<string>(JsonSerializer.Serialize(error, DashboardApiJsonContext.Default.ApiError), AgentErrorEvent);
                continue;
            }

            var model = HeatmapModelBuilder.Build(result.Value.Nodes, request.Preferences, request.Metric, request.Grouping);
            if (!string.Equals(model.LayoutKey, request.Layout, StringComparison.Ordinal))
            {
                yield return new SseItem<string>(model.LayoutKey, ReshapeEvent);
                yield break;
            }

            // A page this process did not render (or rendered too long ago) gets every square once.
            shown ??= rendered.Take(request.Stamp, request.Layout) ?? new Dictionary<Guid, SquareState>();
            var changed = HeatmapDelta.Between(shown, model);
            shown = model.States();
            if (changed.Count > 0)
            {
                yield return new SseItem<string>(JsonSerializer.Serialize(Update(changed, model), HeatmapJsonContext.Default.HeatmapUpdate), SquaresEvent);
            }
        }
    }

    /// <summary>The event for <paramref name="changed"/> squares of <paramref name="model"/>.</summary>
    public static HeatmapUpdate Update(IReadOnlyList<HeatmapSquare> changed, HeatmapModel model)
    {
        ArgumentNullException.ThrowIfNull(changed);
        ArgumentNullException.ThrowIfNull(model);
        var squares = changed
            .Select(s => new SquareUpdate(s.Id.ToString("N"), s.Bucket, HealthNames.Of(s.Node.Health), HeatmapText.Title(s.Node)))
            .ToArray();
        return new HeatmapUpdate(squares, Counts(model));
    }

    /// <summary>Squares per health state, in the enum's order, states with none left out.</summary>
    public static IReadOnlyList<HeatmapStateCount> Counts(HeatmapModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        var counts = new int[Enum.GetValues<NodeHealth>().Length];
        foreach (var square in model.Squares)
        {
            if ((uint)square.Node.Health < (uint)counts.Length)
            {
                counts[(int)square.Node.Health]++;
            }
        }

        return Enum.GetValues<NodeHealth>()
            .Where(h => counts[(int)h] > 0)
            .Select(h => new HeatmapStateCount(HealthNames.Of(h), counts[(int)h]))
            .ToArray();
    }
}
