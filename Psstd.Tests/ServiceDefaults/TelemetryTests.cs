using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Psstd.ServiceDefaults.Hosting;
using Psstd.ServiceDefaults.Telemetry;

namespace Psstd.Tests.ServiceDefaults;

public sealed class TelemetryTests
{
    private static IServiceProvider Build(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value)));
        builder.AddServiceDefaults("psstd-test");
        return builder.Build().Services;
    }

    private static Dictionary<string, object> ResourceOf(IServiceProvider services) =>
        services.GetRequiredService<TracerProvider>().GetResource().Attributes.ToDictionary(a => a.Key, a => a.Value);

    [Fact]
    public void WithoutAnOtlpEndpoint_NothingIsExported()
    {
        var services = Build();

        Assert.Null(services.GetService<MeterProvider>());
        Assert.Null(services.GetService<TracerProvider>());
        Assert.Null(services.GetService<LoggerProvider>());
    }

    [Fact]
    public void WithAnOtlpEndpoint_LogsMetricsAndTracesAreExported()
    {
        var services = Build((OpenTelemetryExtensions.EndpointVariable, "http://127.0.0.1:4317"));

        Assert.NotNull(services.GetService<MeterProvider>());
        Assert.NotNull(services.GetService<TracerProvider>());
        Assert.NotNull(services.GetService<LoggerProvider>());
        Assert.Equal("psstd-test", ResourceOf(services)["service.name"]);
    }

    [Fact]
    public void AspiresServiceNameAndInstance_AreKept()
    {
        var services = Build(
            (OpenTelemetryExtensions.EndpointVariable, "http://127.0.0.1:4317"),
            (OpenTelemetryExtensions.ServiceNameVariable, "node-2-agent"),
            ("OTEL_RESOURCE_ATTRIBUTES", "service.instance.id=abc123"));

        var resource = ResourceOf(services);

        Assert.Equal("node-2-agent", resource["service.name"]);
        Assert.Equal("abc123", resource["service.instance.id"]);
    }
}
