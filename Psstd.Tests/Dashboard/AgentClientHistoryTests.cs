using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;

namespace Psstd.Tests.Dashboard;

/// <summary>The history, events and export calls over a real Unix socket to a stand-in agent.</summary>
public sealed class AgentClientHistoryTests
{
    private static readonly DateTimeOffset Until = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Since = Until.AddHours(-1);

    private static CancellationToken Within10s => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;

    [Fact]
    public async Task GetHistory_AsksForTheWindowAndResolution_AndReadsThePoints()
    {
        var asked = "";
        var history = new NodeHistory(Guid.NewGuid(), "web 1", Since, Until, 30,
            [new HistoryPoint(Since.AddSeconds(30), 12.5, 40, 1, 2, 0, 0.5, 0.4, 0.3, 10, 20, 30, 40)]);
        await using var agent = await UnixSocketAgent.StartAsync(app =>
            app.MapGet(LocalApiRoutes.NodeHistory, (HttpRequest request, string node) =>
            {
                asked = $"{node}|{request.QueryString}";
                return Results.Json(history, LocalApiJsonContext.Default.NodeHistory);
            }));

        var result = await agent.Client.GetHistoryAsync("web 1", Since, Until, TimeSpan.FromSeconds(30), Within10s);

        Assert.Equal(AgentOutcome.Ok, result.Outcome);
        Assert.Equal("web 1|?since=2025-01-01T11:00:00Z&until=2025-01-01T12:00:00Z&resolution=30s", asked);
        var point = Assert.Single(result.Value!.Points);
        Assert.Equal((12.5, 40.0, 40L), (point.CpuBusyPercent, point.CpuMaxCorePercent, point.NetTxBytesPerSecond));
    }

    [Fact]
    public async Task GetHistory_UnknownNode_IsAnErrorCarrying404()
    {
        await using var agent = await UnixSocketAgent.StartAsync(app =>
            app.MapGet(LocalApiRoutes.NodeHistory, () => Results.NotFound()));

        var result = await agent.Client.GetHistoryAsync("nope", Since, Until, TimeSpan.FromSeconds(30), Within10s);

        Assert.Equal(AgentOutcome.AnsweredWithError, result.Outcome);
        Assert.Equal(404, result.StatusCode);
        Assert.StartsWith("HTTP 404 Not Found from /v1/nodes/{node}/history", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetHistory_WithoutPoints_IsBadResponse()
    {
        await using var agent = await UnixSocketAgent.StartAsync(app =>
            app.MapGet(LocalApiRoutes.NodeHistory, () => Results.Text("""{"name":"a"}""", "application/json")));

        var result = await agent.Client.GetHistoryAsync("a", Since, Until, TimeSpan.FromSeconds(30), Within10s);

        Assert.Equal(AgentOutcome.BadResponse, result.Outcome);
    }

    [Fact]
    public async Task GetEvents_AsksForOneNodeAndALimit()
    {
        var asked = "";
        var id = Guid.NewGuid();
        await using var agent = await UnixSocketAgent.StartAsync(app =>
            app.MapGet(LocalApiRoutes.Events, (HttpRequest request) =>
            {
                asked = request.QueryString.Value ?? "";
                return Results.Json(
                    new ClusterEventList([new ClusterEvent(Until, id, "db", ClusterEventKind.VersionChange, "0.1.0 -> 0.2.0")]),
                    LocalApiJsonContext.Default.ClusterEventList);
            }));

        var result = await agent.Client.GetEventsAsync("db/1", 20, Within10s);

        Assert.Equal("?limit=20&node=db%2F1", asked);
        var e = Assert.Single(result.Value!.Events);
        Assert.Equal((id, ClusterEventKind.VersionChange, "0.1.0 -> 0.2.0"), (e.NodeId, e.Kind, e.Detail));
    }

    [Fact]
    public async Task OpenHistoryExport_StreamsTheAgentsBodyThrough()
    {
        var asked = "";
        var csv = "at,cpu\n" + string.Concat(Enumerable.Range(0, 5000).Select(i => $"2025-01-01T11:{i % 60:D2}:00Z,{i % 100}\n"));
        await using var agent = await UnixSocketAgent.StartAsync(app =>
            app.MapGet(LocalApiRoutes.NodeHistory, (HttpRequest request) =>
            {
                asked = request.QueryString.Value ?? "";
                return Results.Text(csv, "text/csv");
            }));

        var result = await agent.Client.OpenHistoryExportAsync("db", Since, Until, HistoryExportFormat.Csv, Within10s);

        Assert.Equal(AgentOutcome.Ok, result.Outcome);
        using var export = result.Value!;
        Assert.Equal(csv, await new StreamReader(export.Body).ReadToEndAsync(Within10s));
        Assert.Equal("?since=2025-01-01T11:00:00Z&until=2025-01-01T12:00:00Z&format=csv", asked);
    }

    [Fact]
    public async Task OpenHistoryExport_AgentDown_IsUnreachable()
    {
        await using var agent = UnixSocketAgent.Absent();

        var result = await agent.Client.OpenHistoryExportAsync("db", Since, Until, HistoryExportFormat.Ndjson, Within10s);

        Assert.Equal(AgentOutcome.Unreachable, result.Outcome);
        Assert.Null(result.Value);
    }
}
