using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Psstd.Dashboard;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Configuration;

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

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IAgentClient>();
            services.AddSingleton<IAgentClient>(Agent);
            services.RemoveAll<DashboardSettings>();
            services.AddSingleton(new DashboardSettings(SocketPath, DashboardSettings.DefaultHttp));
        });
    }
}
