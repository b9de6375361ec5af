using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Psstd.Contracts;

namespace Psstd.Tests.Browser;

/// <summary>
/// A test stand-in for psstd-agent: real Kestrel on a real Unix socket, speaking the agent's local API
/// (<c>/v1/cluster</c>, <c>/healthz</c>, <c>PUT /v1/dashboard</c>) with snapshots the test chooses. A real
/// dashboard process cannot tell it from an agent; the test can make exactly one node busy.
/// </summary>
internal sealed class StandInAgent : IAsyncDisposable
{
    private readonly WebApplication _app;

    private StandInAgent(string socketPath, WebApplication app)
    {
        SocketPath = socketPath;
        _app = app;
    }

    public string SocketPath { get; }

    /// <summary>Every URL a dashboard registered here, in order.</summary>
    public ConcurrentQueue<string> Registrations { get; } = new();

    public static async Task<StandInAgent> StartAsync(Func<ClusterSnapshot> snapshot, CancellationToken cancellationToken)
    {
        var path = Path.Combine("/tmp", $"psstd-standin-{Guid.NewGuid():N}.sock");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(path));
        var app = builder.Build();
        var agent = new StandInAgent(path, app);
        app.MapGet(LocalApiRoutes.Cluster, () => Results.Json(snapshot(), LocalApiJsonContext.Default.ClusterSnapshot));
        app.MapGet(LocalApiRoutes.Health, () => Results.Text("""{"status":"Healthy","checks":{}}""", "application/json"));
        app.MapPut(DashboardRegistrationRoutes.Dashboard, async (HttpRequest request) =>
        {
            var body = await request.ReadFromJsonAsync(RegistrationJsonContext.Default.DashboardRegistration);
            agent.Registrations.Enqueue(body?.Url ?? "");
            return Results.NoContent();
        });
        app.MapDelete(DashboardRegistrationRoutes.Dashboard, () => Results.NoContent());
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            File.Delete(path);
            throw;
        }

        return agent;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        File.Delete(SocketPath);
    }
}
