using Psstd.ServiceDefaults.Hosting;

namespace Psstd.Agent.LocalApi;

/// <summary>
/// The agent's host, built up from an empty one with only what the daemon uses: configuration from the
/// environment, logging configured by its <c>Logging</c> section, meters, routing for the local API's endpoints
/// and Kestrel's core (HTTP/1.1 on the Unix socket). The slim builder would add what an agent never needs and
/// its native image would carry: configuration files and their watcher, the command line as configuration,
/// host filtering, forwarded headers, the Kestrel configuration section, the debug and event-source log
/// providers.
/// </summary>
internal static class AgentHost
{
    public static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions
        {
            // As DaemonHostOptions: rooted at the binary, not the working directory a service manager chose.
            ContentRootPath = DaemonHostOptions.Create([]).ContentRootPath,
            // The environment's name, as the default host reads it (nothing in the agent depends on it; logs and
            // OpenTelemetry's resource show it).
            EnvironmentName = Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT") is { Length: > 0 } dotnet
                ? dotnet
                : Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"),
        });

        // Every setting comes from the environment: PSSTD_* (read by AgentSettings), Logging__*, OTEL_*,
        // NOTIFY_SOCKET, PSSTD_PARENT_PID, and Aspire's services__NAME__gossip__N seeds.
        builder.Configuration.AddEnvironmentVariables();
        builder.Logging.AddConfiguration(builder.Configuration.GetSection("Logging"));
        builder.Services.AddMetrics();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore();
        return builder;
    }
}
