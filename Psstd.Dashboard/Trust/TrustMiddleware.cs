using Psstd.Dashboard.Access;
using Psstd.Dashboard.Configuration;

namespace Psstd.Dashboard.Trust;

public static class TrustMiddleware
{
    /// <summary>
    /// What every answer gets: a Content-Security-Policy that lets the page load only its own scripts, styles
    /// and requests (no inline script, style element or style attribute: meter widths are classes), no framing,
    /// no MIME sniffing, and no Referer with the page's query to other sites.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
        "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'";

    public static IServiceCollection AddDashboardTrust(this IServiceCollection services)
    {
        services.AddSingleton(sp => new PeerDashboards(sp.GetRequiredService<DashboardSettings>().Hosts));
        services.AddSingleton(sp => new AllowedHosts(sp.GetRequiredService<DashboardSettings>()));
        services.AddSingleton(sp => sp.GetRequiredService<DashboardSettings>().Access);
        return services;
    }

    /// <summary>Host check, then the security headers, then access control: a refused host learns nothing more.</summary>
    public static IApplicationBuilder UseDashboardTrust(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use(async (context, next) =>
        {
            var hosts = context.RequestServices.GetRequiredService<AllowedHosts>();
            if (!hosts.Allows(context.Request.Host.Host))
            {
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsync(
                    $"psstd dashboard: this host name is not one it answers to; list it in {DashboardHosts.Variable}", context.RequestAborted);
                return;
            }

            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XFrameOptions = "DENY";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "same-origin";
            await next(context);
        });
        app.UseMiddleware<AccessGate>();
        return app;
    }
}
