using Psstd.Agent.Cluster;
using Psstd.Contracts;
using Psstd.Tests.Gossip;

namespace Psstd.Tests.Cluster;

public sealed class ClusterSnapshotFactoryTests
{
    [Fact]
    public void Snapshot_JudgesEachNodeByItsAge_AndOrdersByName()
    {
        var self = RecordSamples.Record(id: Guid.NewGuid(), name: "b-self");
        var fresh = RecordSamples.Record(id: Guid.NewGuid(), name: "c-fresh");
        var offline = RecordSamples.Record(id: Guid.NewGuid(), name: "a-offline");
        ClusterEntry[] entries = [new(self, 1000), new(fresh, 997), new(offline, 980)];

        // Ages in seconds: the "timestamp" is seconds here and now is 1000.
        var snapshot = ClusterSnapshotFactory.Create("lab", self, entries, seen => TimeSpan.FromSeconds(1000 - seen));

        Assert.Equal("lab", snapshot.Cluster);
        Assert.Equal(self.Id, snapshot.SelfId);
        Assert.Equal(["a-offline", "b-self", "c-fresh"], snapshot.Nodes.Select(n => n.Name));
        Assert.Equal([NodeHealth.Offline, NodeHealth.Fresh, NodeHealth.Fresh], snapshot.Nodes.Select(n => n.Health));
        Assert.Equal([20.0, 0.0, 3.0], snapshot.Nodes.Select(n => n.AgeSeconds));
        Assert.Equal([false, true, false], snapshot.Nodes.Select(n => n.IsSelf));
        Assert.Equal(fresh.Metrics, snapshot.Nodes[2].Metrics);
    }
}
