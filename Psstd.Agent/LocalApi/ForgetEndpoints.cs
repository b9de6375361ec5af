using Psstd.Agent.Forgetting;
using Psstd.Contracts;

namespace Psstd.Agent.LocalApi;

/// <summary>
/// <c>POST /v1/nodes/{node}/forget</c>: an operator forgets a node (name or id) on every peer. Answers one
/// plain-text line: 200 forgotten, 404 unknown, 409 this node itself or a name several nodes carry. Like
/// the dashboard registration, it trusts whoever can reach the socket (mode 0660).
/// </summary>
internal static class ForgetEndpoints
{
    public static IEndpointRouteBuilder MapForget(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(LocalApiRoutes.ForgetNode, (string node, NodeForgetter forgetter, ILogger<NodeForgetter> logger) =>
        {
            var result = forgetter.Forget(node);
            ForgettingLog.OperatorForget(logger, node, result.Outcome, result.Message);
            var status = result.Outcome switch
            {
                ForgetOutcome.Forgotten => StatusCodes.Status200OK,
                ForgetOutcome.NotFound => StatusCodes.Status404NotFound,
                _ => StatusCodes.Status409Conflict,
            };
            return Results.Text(result.Message + "\n", "text/plain; charset=utf-8", statusCode: status);
        });
        return app;
    }
}
