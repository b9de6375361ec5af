using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Psstd.ServiceDefaults.Health;
using Psstd.ServiceDefaults.Lifetime;
using Psstd.ServiceDefaults.Telemetry;

namespace Psstd.ServiceDefaults.Hosting;

/// <summary>
/// The wiring every psstd process shares, after Aspire's ServiceDefaults: <see cref="AddServiceDefaults"/>
/// (logging, OpenTelemetry, health checks, time, parent watch, systemd readiness) and
/// <see cref="MapDefaultEndpoints"/> (<c>/healthz</c>).
/// </summary>
public static class ServiceDefaultsExtensions
{
    public const string HealthPath = "/healthz";

    /// <param name="serviceName">The telemetry's service name unless <c>OTEL_SERVICE_NAME</c> gives one (Aspire does).</param>
    public static TBuilder AddServiceDefaults<TBuilder>(this TBuilder builder, string serviceName)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Defaults below every other configuration source, so operators can still override them:
        // ASP.NET's per-request logs would otherwise print a few lines per htmx poll.
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Information",
                ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning",
            },
        });

        // Structured logs (message templates) on one line each; operators switch to JSON with
        // Logging__Console__FormatterName=json.
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
            o.UseUtcTimestamp = false;
        });

        builder.ConfigureOpenTelemetry(serviceName);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddHealthChecks();
        builder.Services.AddHostedService<ParentProcessWatcher>();
        builder.Services.AddHostedService<SystemdNotifier>();
        return builder;
    }

    /// <summary>Maps <c>/healthz</c>: JSON with every check, 503 when any is unhealthy.</summary>
    public static WebApplication MapDefaultEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapHealthChecks(HealthPath, new HealthCheckOptions { ResponseWriter = HealthJsonWriter.WriteAsync });
        return app;
    }
}
