using Prometheus;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Formatting;

namespace Psstd.Dashboard.Scrape;

/// <summary>
/// <c>/metrics</c>: the whole cluster for Prometheus from any one dashboard, in the Prometheus text format, or
/// OpenMetrics when the scraper asks for it. Each scrape reads the local agent's snapshot afresh; scrapes take
/// turns, so one never exports what another is halfway through replacing.
/// </summary>
public static class ScrapeEndpoints
{
    public const string Path = "/metrics";

    private const string OpenMetricsType = "application/openmetrics-text";

    /// <summary>
    /// <c>/metrics</c> always; the same gauges over OTLP when <paramref name="otlp"/> (an OTLP endpoint is set and
    /// <c>PSSTD_OTLP_CLUSTER</c> is not <c>off</c>).
    /// </summary>
    public static IServiceCollection AddClusterScrape(this IServiceCollection services, bool otlp = false)
    {
        services.AddSingleton<ClusterGauges>().AddSingleton(new ScrapeTurn());
        if (otlp)
        {
            services.AddSingleton<ClusterInstruments>();
            services.AddHostedService<ClusterExportPoller>();
        }

        return services;
    }

    public static IEndpointRouteBuilder MapClusterScrape(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Path, async (HttpContext context, IAgentClient agent, ClusterGauges gauges, ScrapeTurn turn, DashboardSettings settings, CancellationToken cancellationToken) =>
        {
            var result = await agent.GetClusterAsync(cancellationToken);
            if (!result.IsOk)
            {
                // No figures rather than old ones: Prometheus marks the target down and says why.
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                await context.Response.WriteAsync(Format.AgentProblem(result.Outcome, result.Detail, settings.SocketPath), cancellationToken);
                return;
            }

            var openMetrics = context.Request.Headers.Accept.Any(a => a?.Contains(OpenMetricsType, StringComparison.OrdinalIgnoreCase) == true);
            context.Response.ContentType = openMetrics
                ? "application/openmetrics-text; version=1.0.0; charset=utf-8"
                : "text/plain; version=0.0.4; charset=utf-8";
            await turn.Gate.WaitAsync(cancellationToken);
            try
            {
                gauges.Show(result.Value!);
                await gauges.Registry.CollectAndExportAsTextAsync(
                    context.Response.Body, openMetrics ? ExpositionFormat.OpenMetricsText : ExpositionFormat.PrometheusText, cancellationToken);
            }
            finally
            {
                turn.Gate.Release();
            }
        });
        return app;
    }

    /// <summary>One scrape at a time through the shared gauges.</summary>
    public sealed class ScrapeTurn
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
    }
}
