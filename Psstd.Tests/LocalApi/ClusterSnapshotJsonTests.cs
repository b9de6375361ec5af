using System.Text.Json;
using Psstd.Contracts;
using Psstd.ClusterView;

namespace Psstd.Tests.LocalApi;

/// <summary>The <c>/v1/cluster</c> body across versions: a newer reader takes an older agent's answer.</summary>
public sealed class ClusterSnapshotJsonTests
{
    /// <summary>What an agent from before publish pacing sends: no <c>publishStride</c>, no <c>intervalSeconds</c>.</summary>
    private const string OldAgentJson = """
        {"cluster":"lab","selfId":"00000000-0000-0000-0000-000000000001","selfName":"a","agentVersion":"0.1.0",
         "nodes":[{"id":"00000000-0000-0000-0000-000000000001","name":"a","generation":1,"sequence":2,"health":"fresh",
                   "ageSeconds":0.5,"ttlSeconds":15,"agentVersion":"0.1.0","dashboardUrl":"","gossipAddress":"10.0.0.1:7947",
                   "isSelf":true,"metrics":{"logicalCores":2}}]}
        """;

    [Fact]
    public void OldAgentJson_WithoutPaceFields_ReadsAsPublishingEveryInterval()
    {
        var snapshot = JsonSerializer.Deserialize(OldAgentJson, LocalApiJsonContext.Default.ClusterSnapshot)!;

        Assert.Equal(1, snapshot.PublishStride);
        Assert.Equal(0, Assert.Single(snapshot.Nodes).IntervalSeconds);
        Assert.Equal(("a", 2L, 2), (snapshot.Nodes[0].Name, snapshot.Nodes[0].Sequence, snapshot.Nodes[0].Metrics.LogicalCores));
        Assert.Equal("", PaceNotice.Text(snapshot));
    }

    [Fact]
    public void PaceFields_AreWrittenInCamelCase_AndReadBack()
    {
        var old = JsonSerializer.Deserialize(OldAgentJson, LocalApiJsonContext.Default.ClusterSnapshot)!;
        var paced = old with { PublishStride = 3, Nodes = [old.Nodes[0] with { IntervalSeconds = 3 }] };

        var json = JsonSerializer.Serialize(paced, LocalApiJsonContext.Default.ClusterSnapshot);
        var read = JsonSerializer.Deserialize(json, LocalApiJsonContext.Default.ClusterSnapshot)!;

        Assert.Contains("\"publishStride\":3", json, StringComparison.Ordinal);
        Assert.Contains("\"intervalSeconds\":3", json, StringComparison.Ordinal);
        Assert.Equal((3, 3.0), (read.PublishStride, read.Nodes[0].IntervalSeconds));
    }
}
