using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Dashboard;

public sealed class AgentClientSocketTests
{
    private static CancellationToken Within10s => new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token;

    [Fact]
    public async Task GetCluster_ReadsTheSnapshotOverTheUnixSocket()
    {
        var snapshot = Snapshot(Node("a", isSelf: true, cores: 2), Node("b", NodeHealth.Stale, dashboardUrl: "http://b:8080/"));
        await using var agent = await UnixSocketAgent.StartAsync(app =>
            app.MapGet(LocalApiRoutes.Cluster, () => Results.Json(snapshot, LocalApiJsonContext.Default.ClusterSnapshot)));

        var result = await agent.Client.GetClusterAsync(Within10s);

        Assert.Equal(AgentOutcome.Ok, result.Outcome);
        Assert.True(result.IsOk);
        Assert.Equal("lab", result.Value.Cluster);
        Assert.Equal(["a", "b"], result.Value.Nodes.Select(n => n.Name));
        Assert.Equal(NodeHealth.Stale, result.Value.Nodes[1].Health);
        Assert.Equal([0.0, 7.0], result.Value.Nodes[0].Metrics.CoreBusyPercent);
        Assert.Equal("http://b:8080/", result.Value.Nodes[1].DashboardUrl);
    }

    [Fact]
    public async Task GetHealth_ReturnsTheAgentsHealthText()
    {
        await using var agent = await UnixSocketAgent.StartAsync(app =>
            app.MapGet(LocalApiRoutes.Health, () => Results.Text("""{"status":"Healthy"}""", "application/json")));

        var result = await agent.Client.GetHealthAsync(Within10s);

        Assert.Equal(AgentOutcome.Ok, result.Outcome);
        Assert.Equal("""{"status":"Healthy"}""", result.Value);
    }

    [Fact]
    public async Task MissingSocket_IsUnreachable_NotAnException()
    {
        await using var agent = UnixSocketAgent.Absent();

        var result = await agent.Client.GetClusterAsync(Within10s);

        Assert.Equal(AgentOutcome.Unreachable, result.Outcome);
        Assert.Null(result.Value);
        Assert.Equal("no socket file at that path", result.Detail);
    }

    [Fact]
    public async Task ErrorStatus_IsAnsweredWithError_QuotingTheBody()
    {
        await using var agent = await UnixSocketAgent.StartAsync(app =>
            app.MapGet(LocalApiRoutes.Cluster, () => Results.Text("store is closed", statusCode: 500)));

        var result = await agent.Client.GetClusterAsync(Within10s);

        Assert.Equal(AgentOutcome.AnsweredWithError, result.Outcome);
        Assert.Equal("HTTP 500 Internal Server Error from /v1/cluster: store is closed", result.Detail);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("null")]
    [InlineData("""{"cluster":"lab"}""")]
    [InlineData("""{"cluster":"lab","nodes":[{"name":"a"}]}""")]
    public async Task UnreadableBody_IsBadResponse(string body)
    {
        await using var agent = await UnixSocketAgent.StartAsync(app =>
            app.MapGet(LocalApiRoutes.Cluster, () => Results.Text(body, "application/json")));

        var result = await agent.Client.GetClusterAsync(Within10s);

        Assert.Equal(AgentOutcome.BadResponse, result.Outcome);
        Assert.StartsWith("unreadable answer from /v1/cluster: ", result.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HungAgent_IsUnreachableAfterTheTimeout()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var agent = await UnixSocketAgent.StartAsync(
            app => app.MapGet(LocalApiRoutes.Cluster, async (CancellationToken aborted) =>
            {
                await release.Task.WaitAsync(aborted);
                return Results.Ok();
            }),
            agentTimeout: TimeSpan.FromMilliseconds(200));
        try
        {
            var result = await agent.Client.GetClusterAsync(Within10s);

            Assert.Equal(AgentOutcome.Unreachable, result.Outcome);
            Assert.Equal("no answer within 200ms", result.Detail);
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Fact]
    public async Task CallerCancellation_IsNotMistakenForAnUnreachableAgent()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var agent = await UnixSocketAgent.StartAsync(app => app.MapGet(LocalApiRoutes.Cluster, async (CancellationToken aborted) =>
        {
            arrived.TrySetResult();
            await release.Task.WaitAsync(aborted);
            return Results.Ok();
        }));
        try
        {
            using var caller = new CancellationTokenSource();
            var pending = agent.Client.GetClusterAsync(caller.Token);
            await arrived.Task.WaitAsync(Within10s);
            await caller.CancelAsync();

            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending.WaitAsync(Within10s));
        }
        finally
        {
            release.TrySetResult();
        }
    }
}
