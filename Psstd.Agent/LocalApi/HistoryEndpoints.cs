using Psstd.Agent.Store;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;

namespace Psstd.Agent.LocalApi;

/// <summary>
/// <c>GET /v1/nodes/{node}/history</c> and <c>GET /v1/events</c>: what the store keeps, read on
/// connections of their own. A bad query value is a 400 naming the parameter and its rule; an unknown
/// node a 404; a store not open (yet) a 503.
/// </summary>
internal static class HistoryEndpoints
{
    public const int DefaultEventLimit = 100;
    public const int MaxEventLimit = 1000;

    public static IEndpointRouteBuilder MapHistory(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var status = app.ServiceProvider.GetService<StoreStatus>(); // null in a process run without a store
        app.MapGet(LocalApiRoutes.NodeHistory, (string node, string? since, string? until, string? resolution, string? format, ClusterState cluster, TimeProvider time) =>
        {
            if (status?.Queries is not { } store)
            {
                return Results.Problem("the store is not open", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            if (NodeLookup.Find(node, cluster, store) is not { } found)
            {
                return Results.NotFound($"no node \"{node}\" is known here");
            }

            var interval = cluster.Find(found.Id)?.Header.Interval ?? StoreSchema.ThinnedResolution;
            if (HistoryQuery.Parse(since, until, resolution, format, time.GetUtcNow(), interval, out var error) is not { } query)
            {
                return Results.BadRequest(error);
            }

            var points = store.History(found.Id, query.Since, query.Until, query.Resolution);
            return query.Format switch
            {
                HistoryFormat.Csv => Results.Text(HistoryExport.Csv(points), "text/csv; charset=utf-8"),
                HistoryFormat.Ndjson => Results.Text(HistoryExport.Ndjson(points), "application/x-ndjson; charset=utf-8"),
                _ => TypedResults.Json(
                    new NodeHistory(found.Id, found.Name, query.Since, query.Until, query.Resolution.TotalSeconds, points),
                    LocalApiJsonContext.Default.NodeHistory),
            };
        });

        app.MapGet(LocalApiRoutes.Events, (string? node, string? limit, ClusterState cluster) =>
        {
            if (status?.Queries is not { } store)
            {
                return Results.Problem("the store is not open", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            var count = DefaultEventLimit;
            if (limit is not null && (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out count) || count < 1 || count > MaxEventLimit))
            {
                return Results.BadRequest($"limit \"{limit}\" must be a whole number from 1 to {MaxEventLimit}");
            }

            Guid? id = null;
            if (node is not null)
            {
                if (NodeLookup.Find(node, cluster, store) is not { } found)
                {
                    return Results.NotFound($"no node \"{node}\" is known here");
                }

                id = found.Id;
            }

            return TypedResults.Json(new ClusterEventList(store.Events(id, count)), LocalApiJsonContext.Default.ClusterEventList);
        });
        return app;
    }
}
