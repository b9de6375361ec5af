using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Psstd.Contracts;
using Psstd.Tests.Dashboard;
using Psstd.Tests.Terminal;

namespace Psstd.Tests.Cli;

/// <summary>The local API of an agent with fixed state, on a real Unix socket: what the commands read.</summary>
internal static class CliStandIn
{
    public static readonly AgentStatus Status = new(
        TerminalFixtures.Id(1), "alpha", 3, "lab", "0.1.0", 4242,
        new DateTimeOffset(2026, 1, 31, 11, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 1, 31, 12, 0, 1, TimeSpan.Zero),
        "127.0.0.1:7947", "10.0.0.1:7947", ["127.0.0.1:7950", "seed.invalid:7947"], "/run/psstd/agent.sock", "/var/lib/psstd", 2, 15, 1,
        new GossipTraffic(120, 100, 1, 40, new Dictionary<string, long> { ["OtherCluster"] = 3, ["CannotOpen"] = 2 }, RepliesRefused: 5));

    public static readonly GossipContactList Contacts = new(
    [
        new GossipContact("127.0.0.1:7950", ContactSource.Seed, "", new DateTimeOffset(2026, 1, 31, 11, 59, 58, TimeSpan.Zero)),
        new GossipContact("10.0.0.9:7947", ContactSource.Mdns, "_psstd._udp.local", null),
    ]);

    /// <param name="requests">Each request's method, path and query, in order.</param>
    /// <param name="snapshot">What <c>/v1/cluster</c> answers; the terminal fixtures' cluster by default.</param>
    public static Task<UnixSocketAgent> StartAsync(ConcurrentQueue<string> requests, bool withNewRoutes = true, ClusterSnapshot? snapshot = null) => UnixSocketAgent.StartAsync(app =>
    {
        app.Use(async (context, next) =>
        {
            requests.Enqueue($"{context.Request.Method} {context.Request.Path}{context.Request.QueryString}");
            await next(context);
        });
        app.MapGet(LocalApiRoutes.Cluster, () => Results.Json(snapshot ?? TerminalFixtures.Snapshot(), LocalApiJsonContext.Default.ClusterSnapshot));
        app.MapGet(AgentStatusRoutes.Status, () => Results.Json(Status, LocalApiJsonContext.Default.AgentStatus));
        if (!withNewRoutes)
        {
            return;
        }

        app.MapGet(LocalApiRoutes.Contacts, () => Results.Json(Contacts, LocalApiJsonContext.Default.GossipContactList));
        app.MapPost(LocalApiRoutes.Silences, (string? rule, string? node) =>
            rule == "bad pattern" ? Results.Text("rule 'bad pattern' must be a pattern\n", statusCode: 400) : Results.Text("11111111-2222-3333-4444-555555555555\n", statusCode: 201));
        app.MapDelete(LocalApiRoutes.Silence, (string id) => id == "11111111-2222-3333-4444-555555555555" ? Results.Text("ended\n") : Results.Text("this agent has no silence\n", statusCode: 404));
        app.MapPost(LocalApiRoutes.ForgetNode, (string node) => node == "beta" ? Results.NoContent() : Results.NotFound());
        app.MapGet(LocalApiRoutes.NodeHistory, (string node, string? format) =>
            node == "beta" ? Results.Text($"at,cpu\n2026-01-31T11:00:00Z,91\n# format {format}\n", "text/csv") : Results.NotFound());
    });
}
