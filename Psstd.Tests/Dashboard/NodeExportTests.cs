using System.Net;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Controllers;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Dashboard;

public sealed class NodeExportTests
{
    [Theory]
    [InlineData("csv", "text/csv", "psstd-db-history.csv")]
    [InlineData("ndjson", "application/x-ndjson", "psstd-db-history.ndjson")]
    public async Task Export_PassesTheAgentsExportThrough_AsADownload(string extension, string mediaType, string fileName)
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("db")));
        factory.Agent.ServeHistory(NodePageTests.History("db", 3));

        using var response = await factory.CreateClient().GetAsync(new Uri($"/nodes/db/history.{extension}?psstd_node=db", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("utf-8", response.Content.Headers.ContentType.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal(fileName, response.Content.Headers.ContentDisposition.FileName);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(extension == "csv" ? 4 : 3, lines.Length);
        Assert.Equal(extension == "csv" ? "at,cpu_busy_percent" : """{"at":"2024-12-31T23:00:15.0000000+00:00","cpuBusyPercent":0}""", lines[0]);
        var asked = Assert.Single(factory.Agent.HistoryRequests);
        Assert.Equal(TimeSpan.FromHours(1), asked.Until - asked.Since);
    }

    [Fact]
    public async Task Export_UnknownNode_Is404()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("db")));

        using var response = await factory.CreateClient().GetAsync(new Uri("/nodes/nope/history.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("No node named nope in cluster lab.\n", await response.Content.ReadAsStringAsync());
        Assert.Empty(factory.Agent.HistoryRequests);
    }

    [Fact]
    public async Task Export_NodeTheStoreDoesNotKnow_Is404()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Serve(Snapshot(Node("db")));

        using var response = await factory.CreateClient().GetAsync(new Uri("/nodes/db/history.ndjson", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("The agent keeps no history for db.\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Export_AgentDown_Is503WithTheSameSentence()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Fail(AgentOutcome.Unreachable, "Connection refused");

        using var response = await factory.CreateClient().GetAsync(new Uri("/nodes/db/history.csv", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(
            $"The local psstd agent is not reachable at {DashboardFactory.SocketPath}: Connection refused. Is psstd-agent running?\n",
            await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("db-1", "psstd-db-1-history.csv")]
    [InlineData("../etc/passwd", "psstd--etc-passwd-history.csv")]
    [InlineData("web 1\"x", "psstd-web-1-x-history.csv")]
    [InlineData("ünï", "psstd--n--history.csv")]
    public void FileName_KeepsOnlySafeCharacters(string node, string expected) =>
        Assert.Equal(expected, ExportDownload.FileName(node, HistoryExportFormat.Csv));
}
