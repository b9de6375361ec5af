using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Http;
using Microsoft.Extensions.Options;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Hosting;
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

    [Fact]
    public async Task PagesAndPartials_MakeNoDataProtectionKey()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("a")));
        using var client = factory.CreateClient();

        var (page, _, _) = await Html.GetAsync(client, "/");
        var (partial, _, _) = await Html.GetAsync(client, "/", htmx: true);

        using (page)
        using (partial)
        {
            page.EnsureSuccessStatusCode();
            partial.EnsureSuccessStatusCode();
        }

        var provider = Assert.IsType<DeferredDataProtectionProvider>(factory.Services.GetRequiredService<IDataProtectionProvider>());
        Assert.False(provider.IsCreated);
    }

    [Fact]
    public void Antiforgery_CookieNameIsFixed_NotHashedAtFirstRender()
    {
        using var factory = new DashboardFactory();

        var options = factory.Services.GetRequiredService<IOptions<AntiforgeryOptions>>().Value;

        Assert.Equal(DashboardMvcExtensions.AntiforgeryCookieName, options.Cookie.Name);
    }

    [Fact]
    public void Mvc_HasNoAuthorizationServices_SoNoAuthMiddlewarePerRequest()
    {
        using var factory = new DashboardFactory();

        Assert.Null(factory.Services.GetService<IAuthorizationHandlerProvider>());
    }

    [Fact]
    public void AppendVersion_UsesTheContentVersionProvider()
    {
        using var factory = new DashboardFactory();

        Assert.IsType<ContentVersionProvider>(factory.Services.GetRequiredService<IFileVersionProvider>());
    }
}
