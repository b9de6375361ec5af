using Psstd.Contracts;
using Psstd.Agent.Registration;

namespace Psstd.Agent.LocalApi;

/// <summary>
/// <c>PUT/DELETE /v1/dashboard</c>: the only writes the local API takes. The socket is the trust boundary (mode
/// 0660: only the agent's user and group connect), so whoever can write here is the operator's own dashboard.
/// </summary>
internal static class DashboardRegistrationEndpoints
{
    public static IEndpointRouteBuilder MapDashboardRegistration(this IEndpointRouteBuilder app, DashboardRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(registry);
        app.MapPut(DashboardRegistrationRoutes.Dashboard, (DashboardRegistration? body) =>
        {
            if (body is null
                || !Uri.TryCreate(body.Url, UriKind.Absolute, out var uri)
                || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
                || body.Url.Length > 255)
            {
                return Results.BadRequest("url must be an absolute http:// or https:// URL of at most 255 characters");
            }

            if (!double.IsFinite(body.LeaseSeconds) || body.LeaseSeconds <= 0 || body.LeaseSeconds > DashboardRegistrationRoutes.MaxLeaseSeconds)
            {
                return Results.BadRequest($"leaseSeconds must be above 0 and at most {DashboardRegistrationRoutes.MaxLeaseSeconds}");
            }

            return registry.Register(body.Url, TimeSpan.FromSeconds(body.LeaseSeconds))
                ? Results.NoContent()
                : Results.Conflict("PSSTD_WEB=false on this agent: it publishes no dashboard");
        }).Accepts<DashboardRegistration>("application/json");
        app.MapDelete(DashboardRegistrationRoutes.Dashboard, () =>
        {
            registry.Withdraw();
            return Results.NoContent();
        });
        return app;
    }
}
