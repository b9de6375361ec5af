using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Configuration;

namespace Psstd.Tests.Dashboard;

/// <summary>
/// A stand-in agent: a real Kestrel on a real Unix socket under /tmp, serving whatever routes the test maps,
/// plus a real <see cref="IAgentClient"/> wired exactly as the dashboard wires it.
/// </summary>
internal sealed class UnixSocketAgent : IAsyncDisposable
{
    private readonly WebApplication? _app;
    private readonly ServiceProvider _clientServices;

    private UnixSocketAgent(string socketPath, WebApplication? app, TimeSpan agentTimeout)
    {
        SocketPath = socketPath;
        _app = app;
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddAgentClient(new DashboardSettings(socketPath, DashboardSettings.DefaultHttp) { AgentTimeout = agentTimeout });
        _clientServices = services.BuildServiceProvider();
        Client = _clientServices.GetRequiredService<IAgentClient>();
    }

    public string SocketPath { get; }

    public IAgentClient Client { get; }

    /// <summary>Short and unique: Unix socket paths are limited to about 104 bytes, so not under a deep temp dir.</summary>
    public static string NewSocketPath() => Path.Combine("/tmp", $"psstd-dash-{Guid.NewGuid():N}.sock");

    public static async Task<UnixSocketAgent> StartAsync(Action<WebApplication> map, TimeSpan? agentTimeout = null)
    {
        var path = NewSocketPath();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(path));
        var app = builder.Build();
        map(app);
        try
        {
            using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            await app.StartAsync(cts.Token);
        }
        catch
        {
            await app.DisposeAsync();
            File.Delete(path);
            throw;
        }

        return new UnixSocketAgent(path, app, agentTimeout ?? DashboardSettings.DefaultAgentTimeout);
    }

    /// <summary>A client for a socket nobody ever created.</summary>
    public static UnixSocketAgent Absent() => new(NewSocketPath(), null, DashboardSettings.DefaultAgentTimeout);

    public async ValueTask DisposeAsync()
    {
        await _clientServices.DisposeAsync();
        try
        {
            if (_app is not null)
            {
                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await _app.StopAsync(cts.Token);
                await _app.DisposeAsync();
            }
        }
        finally
        {
            File.Delete(SocketPath);
        }
    }
}
