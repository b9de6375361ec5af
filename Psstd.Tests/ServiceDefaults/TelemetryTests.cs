using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Psstd.ServiceDefaults.Hosting;
using Psstd.ServiceDefaults.Telemetry;

namespace Psstd.Tests.ServiceDefaults;

public sealed class TelemetryTests
{
    private static IServiceProvider Build(string? endpoint)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        if (endpoint is not null)
        {
            builder.Configuration.AddInMemoryCollection([new(TelemetryExtensions.EndpointVariable, endpoint)]);
        }

        builder.AddServiceDefaults("psstd-test");
        return builder.Build().Services;
    }

    [Fact]
    public void WithoutAnOtlpEndpoint_NothingIsExported()
    {
        var services = Build(endpoint: null);

        Assert.Null(services.GetService<MeterProvider>());
        Assert.Null(services.GetService<TracerProvider>());
    }

    [Fact]
    public void WithAnOtlpEndpoint_MetricsAndTracesAreExported()
    {
        var services = Build("http://127.0.0.1:4317");

        Assert.NotNull(services.GetService<MeterProvider>());
        Assert.NotNull(services.GetService<TracerProvider>());
    }
}
