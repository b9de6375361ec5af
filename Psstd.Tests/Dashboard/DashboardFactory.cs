using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Psstd.AppHost.Running;
using Psstd.Dashboard;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Api;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.HotPotato;
using Psstd.Tests.Support;

namespace Psstd.Tests.Dashboard;

/// <summary>
/// The real dashboard in memory, with its agent replaced by <see cref="FakeAgentClient"/>: nothing listens
/// on a port and no socket is opened.
/// </summary>
public sealed class DashboardFactory : WebApplicationFactory<DashboardMarker>
{
    /// <summary>Never created: it only has to appear in messages.</summary>
    public const string SocketPath = "/tmp/psstd-dashboard-tests/agent.sock";

    public FakeAgentClient Agent { get; } = new();

    /// <summary>Where <see cref="Time"/> starts: a fixed instant, so pages and links repeat.</summary>
    public static readonly DateTimeOffset Start = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The clock the hot-potato rule reads; starts at <see cref="Start"/>.</summary>
    public FakeTimeProvider Time { get; } = new(Start);

    /// <summary>The settings the dashboard runs with; tests give other hosts or access rules.</summary>
    public DashboardSettings Settings { get; init; } = new(SocketPath, DashboardSettings.DefaultHttp);

    /// <summary>Caps on stream clients.</summary>
    public StreamLimits StreamLimits { get; init; } = new();

    /// <summary>Seeded, so the choice among the quietest peers repeats.</summary>
    public Random Random { get; } = new(4);

    /// <summary>
    /// The dashboard's entry point checks that <c>PSSTD_HTTP</c> (default :8080) is a free port before the
    /// host is built, so before this factory can replace anything, and exits the process otherwise: a
    /// dashboard another developer runs on this machine would end the whole test run. Nothing listens on
    /// the port named here; it only has to be free when checked.
    /// </summary>
    static DashboardFactory()
    {
        if (Environment.GetEnvironmentVariable(DashboardSettings.HttpVariable) is null)
        {
            var port = PortPicker.Pick(TestPorts.Next(), 1, udpToo: false)[0];
            Environment.SetEnvironmentVariable(DashboardSettings.HttpVariable, $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IAgentClient>();
            services.AddSingleton<IAgentClient>(Agent);
            services.RemoveAll<DashboardSettings>();
            services.AddSingleton(Settings);
            services.RemoveAll<StreamLimits>();
            services.AddSingleton(StreamLimits);
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
            services.RemoveAll<Random>();
            services.AddSingleton(Random);
        });
    }
}
