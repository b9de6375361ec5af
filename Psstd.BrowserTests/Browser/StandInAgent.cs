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

    /// <param name="history">
    /// Answers <c>GET /v1/nodes/{node}/history</c> for a node name and the query's since, until and resolution; null
    /// (the default) serves no history route at all, like an agent of an older version.
    /// </param>
    public static async Task<StandInAgent> StartAsync(
        Func<ClusterSnapshot> snapshot, Func<string, DateTimeOffset, DateTimeOffset, TimeSpan, NodeHistory?>? history = null)
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
            if (history is not null)
            {
                app.MapGet(LocalApiRoutes.NodeHistory, (string node, string since, string until, string resolution) =>
                {
                    var step = Psstd.Configuration.DurationParser.TryParse(resolution) ?? TimeSpan.FromMinutes(1);
                    var answer = history(node, DateTimeOffset.Parse(since, System.Globalization.CultureInfo.InvariantCulture), DateTimeOffset.Parse(until, System.Globalization.CultureInfo.InvariantCulture), step);
                    return answer is null ? Results.NotFound() : Results.Json(answer, LocalApiJsonContext.Default.NodeHistory);
                });
                app.MapGet(LocalApiRoutes.Events, () => Results.Json(new ClusterEventList([]), LocalApiJsonContext.Default.ClusterEventList));
            }
        });
        return new StandInAgent(host, registrations);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
