using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Psstd.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry as Aspire's ServiceDefaults set it up: structured logs, traces and metrics, exported over
/// OTLP. Only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the AppHost sets it for every process it
/// starts); otherwise nothing of OpenTelemetry is even loaded, which keeps a socket-only agent small.
/// </summary>
public static class OpenTelemetryExtensions
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Set by Aspire to the resource's name, so its dashboard can match telemetry to the resource.</summary>
    public const string ServiceNameVariable = "OTEL_SERVICE_NAME";

    /// <summary>
    /// psstd's own meters and activity sources are named <c>Psstd.*</c> (<c>Psstd.Gossip</c>,
    /// <c>Psstd.Discovery</c>, ...), and the processes subscribe to all of them.
    /// </summary>
    public const string PsstdPrefix = "Psstd.*";

    /// <summary>The health path, left out of traces: the AppHost probes it every few seconds.</summary>
    private static readonly PathString HealthPath = new("/healthz");

    public static TBuilder ConfigureOpenTelemetry<TBuilder>(this TBuilder builder, string serviceName)
        where TBuilder : IHostApplicationBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (!string.IsNullOrWhiteSpace(builder.Configuration[EndpointVariable]))
        {
            AddOtlp(builder, builder.Configuration[ServiceNameVariable] is { Length: > 0 } given ? given : serviceName);
        }

        return builder;
    }

    /// <summary>A method of its own, so the JIT loads the OpenTelemetry assemblies only when it runs.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void AddOtlp(IHostApplicationBuilder builder, string serviceName)
    {
        var version = Assembly.GetEntryAssembly()?.GetName().Version?.ToString(3) ?? "0.0.0";
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });
        builder.Services.AddOpenTelemetry()
            // Aspire's service.instance.id (in OTEL_RESOURCE_ATTRIBUTES) must survive: no generated one.
            .ConfigureResource(resource => resource.AddService(serviceName, serviceVersion: version, autoGenerateServiceInstanceId: false))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(PsstdPrefix))
            .WithTracing(tracing => tracing
                .AddSource(builder.Environment.ApplicationName, PsstdPrefix)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = context => !context.Request.Path.StartsWithSegments(HealthPath))
                .AddHttpClientInstrumentation())
            .UseOtlpExporter();
    }
}
