using Microsoft.Extensions.DependencyInjection.Extensions;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Formatting;

namespace Psstd.Dashboard.Api;

/// <summary>Read-only JSON for scripts: the snapshot the page is built from, and a stream of its changes.</summary>
public static class ClusterApiEndpoints
{
    public const string Cluster = "/api/cluster";
    public const string Stream = "/api/cluster/stream";

    public static IServiceCollection AddClusterApi(this IServiceCollection services)
    {
        services.TryAddSingleton(new StreamLimits());
        services.AddSingleton<ClusterPoll>();
        return services.AddTransient<ClusterEventFeed>();
    }

    public static IEndpointRouteBuilder MapClusterApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Cluster, async (IAgentClient agent, DashboardSettings settings, CancellationToken cancellationToken) =>
        {
            var result = await agent.GetClusterAsync(cancellationToken);
            return result.IsOk
                ? Results.Json(result.Value, DashboardApiJsonContext.Default.ClusterSnapshot)
                : Results.Json(
                    new ApiError(Format.AgentProblem(result.Outcome, result.Detail, settings.SocketPath)),
                    DashboardApiJsonContext.Default.ApiError,
                    statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet(Stream, IResult (HttpContext context, ClusterPoll poll, ClusterEventFeed feed, CancellationToken cancellationToken) =>
        {
            var listener = poll.TryListen(context.Connection.RemoteIpAddress);
            if (listener is null)
            {
                context.Response.Headers.RetryAfter = "30";
                return Results.Text("too many open streams; try again later", statusCode: StatusCodes.Status429TooManyRequests);
            }

            context.Response.RegisterForDispose(listener);
            return TypedResults.ServerSentEvents(feed.EventsAsync(listener.Answers, cancellationToken));
        });
        return app;
    }
}
