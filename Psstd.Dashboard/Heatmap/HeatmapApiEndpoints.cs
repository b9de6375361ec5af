using Psstd.Dashboard.Api;
using Psstd.Dashboard.Preferences;

namespace Psstd.Dashboard.Heatmap;

/// <summary>
/// <c>/api/cluster/heatmap/stream</c>: server-sent events that keep an open heatmap page current by sending only the
/// squares that changed. It shares the agent poll and the stream caps of <c>/api/cluster/stream</c>.
/// </summary>
public static class HeatmapApiEndpoints
{
    public const string Stream = "/api/cluster/heatmap/stream";

    /// <summary>The page's layout key (<see cref="HeatmapModel.LayoutKey"/>).</summary>
    public const string LayoutParameter = "layout";

    /// <summary>The page's stamp (<see cref="RenderedHeatmaps"/>).</summary>
    public const string StampParameter = "stamp";

    public static IServiceCollection AddHeatmap(this IServiceCollection services)
    {
        services.AddSingleton<RenderedHeatmaps>();
        return services.AddTransient<HeatmapFeed>();
    }

    public static IEndpointRouteBuilder MapHeatmapApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Stream, IResult (HttpContext context, ClusterPoll poll, HeatmapFeed feed, CancellationToken cancellationToken) =>
        {
            var query = RequestAddress.Of(context.Request).Query;
            var request = Read(query, out var problems);
            if (request is null)
            {
                return Results.Text(string.Join('\n', problems) + "\n", statusCode: StatusCodes.Status400BadRequest);
            }

            var listener = poll.TryListen(context.Connection.RemoteIpAddress);
            if (listener is null)
            {
                context.Response.Headers.RetryAfter = "30";
                return Results.Text("too many open streams; try again later", statusCode: StatusCodes.Status429TooManyRequests);
            }

            context.Response.RegisterForDispose(listener);
            return TypedResults.ServerSentEvents(feed.EventsAsync(listener.Answers, request, cancellationToken));
        });
        return app;
    }

    /// <summary>
    /// The stream's request, or null with every problem: unlike the page, which falls back and says so, a stream
    /// with a name it does not know would keep a page current with something it does not show.
    /// </summary>
    public static HeatmapStreamRequest? Read(IReadOnlyList<KeyValuePair<string, string>> query, out IReadOnlyList<string> problems)
    {
        ArgumentNullException.ThrowIfNull(query);
        var heatmap = HeatmapQuery.Read(query);
        var found = new List<string>(heatmap.Problems);
        var layout = Single(query, LayoutParameter);
        var stamp = Single(query, StampParameter);
        if (!HeatmapStreamRequest.IsToken(layout))
        {
            found.Add($"{LayoutParameter} must be the page's layout key, 16 hex digits.");
        }

        if (stamp is not null && !HeatmapStreamRequest.IsToken(stamp))
        {
            found.Add($"{StampParameter} must be the page's stamp, 16 hex digits.");
        }

        problems = found;
        return found.Count > 0
            ? null
            : new HeatmapStreamRequest(PreferenceReader.Read(query), heatmap.Metric, heatmap.Grouping, layout!, stamp);
    }

    private static string? Single(IReadOnlyList<KeyValuePair<string, string>> query, string name) =>
        query.Where(p => string.Equals(p.Key, name, StringComparison.Ordinal)).Select(p => p.Value).FirstOrDefault();
}
