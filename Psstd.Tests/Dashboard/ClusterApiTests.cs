using System.Net;
using System.Text.Json;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Api;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Dashboard;

public sealed class ClusterApiTests
{
    [Fact]
    public async Task ApiCluster_ReturnsTheSnapshotAsJson()
    {
        using var factory = new DashboardFactory();
        var snapshot = Snapshot(Node("a", isSelf: true), Node("b", NodeHealth.Offline));
        factory.Agent.Serve(snapshot);

        using var response = await factory.CreateClient().GetAsync(new Uri("/api/cluster", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsStringAsync();
        var read = JsonSerializer.Deserialize(body, LocalApiJsonContext.Default.ClusterSnapshot)!;
        Assert.Equal(["a", "b"], read.Nodes.Select(n => n.Name));
        Assert.Contains("\"health\":\"offline\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiCluster_WithoutAgent_Is503WithTheReason()
    {
        using var factory = new DashboardFactory();
        factory.Agent.Fail(AgentOutcome.Unreachable, "Connection refused");

        using var response = await factory.CreateClient().GetAsync(new Uri("/api/cluster", UriKind.Relative));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Connection refused", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_SendsTheSnapshot_ThenOnlyChanges()
    {
        using var factory = new DashboardFactory();
        var a = Node("a", isSelf: true);
        var b = Node("b");
        factory.Agent.Serve(Snapshot(a, b));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/cluster/stream");
        using var response = await factory.CreateClient().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cts.Token);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(cts.Token));

        var (firstType, firstData) = await NextEventAsync(reader, cts.Token);
        Assert.Equal("snapshot", firstType);
        Assert.Equal(2, JsonSerializer.Deserialize(firstData, LocalApiJsonContext.Default.ClusterSnapshot)!.Nodes.Count);

        // b publishes a new sequence and c appears; a only ages, which is not a change.
        factory.Agent.Serve(Snapshot(a with { AgeSeconds = 3 }, b with { Sequence = 43 }, Node("c")));
        var next = NextEventAsync(reader, cts.Token);
        while (!next.IsCompleted)
        {
            factory.Time.Advance(ClusterPoll.PollInterval);
            await Task.WhenAny(next, Task.Delay(TimeSpan.FromMilliseconds(20), TimeProvider.System, cts.Token));
        }

        var (type, data) = await next;
        Assert.Equal("changes", type);
        var change = JsonSerializer.Deserialize(data, DashboardApiJsonContext.Default.ClusterChange)!;
        Assert.Equal(["b", "c"], change.Changed.Select(n => n.Name));
        Assert.Empty(change.Removed);
    }

    [Fact]
    public void Diff_ReportsNewChangedAndRemovedNodes_NotAges()
    {
        var a = Node("a");
        var b = Node("b");
        var gone = Node("gone");

        var change = ClusterDiff.Between(
            Snapshot(a, b, gone),
            Snapshot(a with { AgeSeconds = 99 }, b with { Health = NodeHealth.Stale }));

        Assert.Equal(["b"], change.Changed.Select(n => n.Name));
        Assert.Equal([gone.Id], change.Removed);
    }

    private static async Task<(string Type, string Data)> NextEventAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        string? type = null;
        var data = "";
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line.Length == 0 && type is not null)
            {
                return (type, data);
            }

            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                type = line["event: ".Length..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data += line["data: ".Length..];
            }
        }

        throw new EndOfStreamException("the stream ended before a whole event arrived");
    }
}
