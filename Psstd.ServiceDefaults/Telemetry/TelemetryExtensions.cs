using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Psstd.ServiceDefaults.Telemetry;

/// <summary>
/// OpenTelemetry metrics and traces exported over OTLP, only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set. Without OpenTelemetry.Extensions.Hosting here, the providers are built by hand, owned by the
/// container (so disposal flushes them at shutdown) and created at start by <see cref="TelemetryStarter"/>.
/// </summary>
public static class TelemetryExtensions
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>Our own meters and activity sources are named <c>Psstd.*</c>.</summary>
    public const string PsstdPrefix = "Psstd.*";

    private static readonly string[] FrameworkMeters =
        ["Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime"];

    private static readonly string[] FrameworkSources = ["Microsoft.AspNetCore", "System.Net.Http"];

    public static IServiceCollection AddPsstdTelemetry(this IServiceCollection services, IConfiguration configuration, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.IsNullOrWhiteSpace(configuration[EndpointVariable]))
        {
            return services;
        }

        var version = Assembly.GetEntryAssembly()?.GetName().Version?.ToString(3) ?? "0.0.0";
        var resource = ResourceBuilder.CreateDefault().AddService(serviceName, serviceVersion: version);
        services.AddSingleton(_ => Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(PsstdPrefix)
            .AddMeter(FrameworkMeters)
            .AddOtlpExporter()
            .Build());
        services.AddSingleton(_ => Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(PsstdPrefix)
            .AddSource(FrameworkSources)
            .AddOtlpExporter()
            .Build());
        services.AddHostedService<TelemetryStarter>();
        return services;
    }
}

/// <summary>Resolves the providers at start so they listen from the first request on.</summary>
internal sealed class TelemetryStarter(MeterProvider meters, TracerProvider traces) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        GC.KeepAlive(meters);
        GC.KeepAlive(traces);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
