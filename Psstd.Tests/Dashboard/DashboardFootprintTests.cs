using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using Psstd.Dashboard.AgentClient;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Dashboard;

/// <summary>
/// What keeps an idle dashboard small (bench/RESULTS.md, the lean dashboard): settings whose loss would not break a
/// page but would quietly bring the start-up work, the memory or the timers back.
/// </summary>
public sealed class DashboardFootprintTests
{
    [Fact]
    public async Task DataProtection_HasNoStartUpWarmUp_AndPagesStillRender()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("a")));

        using var client = factory.CreateClient();
        using var page = await client.GetAsync(new Uri("/", UriKind.Relative));

        page.EnsureSuccessStatusCode();
        var dataProtection = typeof(DataProtectionOptions).Assembly;
        Assert.DoesNotContain(factory.Services.GetServices<IHostedService>(), s => s.GetType().Assembly == dataProtection);

        // The in-memory provider still protects for anything in MVC that asks.
        var protector = factory.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        Assert.Equal([1, 2, 3], protector.Unprotect(protector.Protect([1, 2, 3])));
    }

    [Fact]
    public void AgentClient_KeepsOneHandler_ForTheProcesssLife()
    {
        using var factory = new DashboardFactory();

        var options = factory.Services.GetRequiredService<IOptionsMonitor<HttpClientFactoryOptions>>().Get(nameof(IAgentClient));

        Assert.Equal(Timeout.InfiniteTimeSpan, options.HandlerLifetime);
    }

    [Fact]
    public void RuntimeConfig_CompilesEachMethodOnce()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "psstd-dashboard.runtimeconfig.json");
        using var json = JsonDocument.Parse(File.ReadAllText(path));

        var properties = json.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties");

        Assert.False(properties.GetProperty("System.Runtime.TieredCompilation").GetBoolean());
        Assert.Equal(7, properties.GetProperty("System.GC.ConserveMemory").GetInt32());
    }
}
