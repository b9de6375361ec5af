using Psstd.Agent.Heartbeat;
using Psstd.Agent.Silences;
using Psstd.Configuration;
using Psstd.Contracts;

namespace Psstd.Agent.LocalApi;

/// <summary>
/// <c>POST /v1/silences</c> and <c>DELETE /v1/silences/{id}</c>: an operator holds alert notifications back for a while
/// (<see cref="SilenceBook"/>). Answers one plain-text line, like the forget endpoint, and trusts whoever can reach
/// the socket (mode 0660).
/// </summary>
internal static class SilenceEndpoints
{
    public static IEndpointRouteBuilder MapSilences(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(LocalApiRoutes.Silences, (HttpRequest request, SilenceBook book, LocalNode local) =>
        {
            var query = request.Query;
            var rule = query["rule"].ToString();
            var node = query["node"].ToString();
            var comment = query["comment"].ToString();
            var raw = query["for"].ToString();
            if (DurationParser.TryParse(raw) is not { } duration)
            {
                return Line($"for '{raw}' must be {DurationParser.Syntax}", StatusCodes.Status400BadRequest);
            }

            var silence = book.Add(rule, node, duration, comment, local.Fits, out var error);
            return silence is null
                ? Line(error, StatusCodes.Status400BadRequest)
                : Line($"{silence.Id:D}", StatusCodes.Status201Created);
        });
        app.MapDelete(LocalApiRoutes.Silence, (string id, SilenceBook book) =>
            !Guid.TryParse(id, out var parsed) ? Line($"'{id}' is not a silence id", StatusCodes.Status400BadRequest)
            : book.Remove(parsed) ? Line($"silence {parsed:D} ended", StatusCodes.Status200OK)
            : Line($"this agent has no silence {parsed:D}; a silence is ended on the node that set it", StatusCodes.Status404NotFound));
        return app;
    }

    private static IResult Line(string text, int status) => Results.Text(text + "\n", "text/plain; charset=utf-8", statusCode: status);
}
