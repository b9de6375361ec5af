using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Psstd.Contracts;
using Psstd.Tests.Dashboard;

namespace Psstd.Tests.Browser;

/// <summary>
/// A test stand-in for psstd-agent: a <see cref="UnixSocketAgent"/> (real Kestrel on a real Unix socket)
/// speaking the agent's local API (<c>/v1/cluster</c>, <c>/healthz</c>, <c>PUT /v1/dashboard</c>) with
/// snapshots the test chooses. A real dashboard process cannot tell it from an agent; the test can make
/// exactly one node busy.
/// </summary>
internal sealed class StandInAgent : IAsyncDisposable
{
    private readonly UnixSocketAgent _host;

    private StandInAgent(UnixSocketAgent host, ConcurrentQueue<string> registrations)
    {
        _host = host;
        Registrations = registrations;
    }

    public string SocketPath => _host.SocketPath;

    /// <summary>Every URL a dashboard registered here, in order.</summary>
    public ConcurrentQueue<string> Registrations { get; }

    public static async Task<StandInAgent> StartAsync(Func<ClusterSnapshot> snapshot)
    {
        var registrations = new ConcurrentQueue<string>();
        var host = await UnixSocketAgent.StartAsync(app =>
        {
            app.MapGet(LocalApiRoutes.Cluster, () => Results.Json(snapshot(), LocalApiJsonContext.Default.ClusterSnapshot));
            app.MapGet(LocalApiRoutes.Health, () => Results.Text("""{"status":"Healthy","checks":{}}""", "application/json"));
            app.MapPut(DashboardRegistrationRoutes.Dashboard, async (HttpRequest request) =>
            {
                var body = await request.ReadFromJsonAsync(RegistrationJsonContext.Default.DashboardRegistration);
                registrations.Enqueue(body?.Url ?? "");
                return Results.NoContent();
            });
            app.MapDelete(DashboardRegistrationRoutes.Dashboard, () => Results.NoContent());
        });
        return new StandInAgent(host, registrations);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
