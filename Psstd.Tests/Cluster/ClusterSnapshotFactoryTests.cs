using Psstd.Agent.Snapshots;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;
using Psstd.Tests.Gossip;

namespace Psstd.Tests.Cluster;

public sealed class ClusterSnapshotFactoryTests
{
    private static ClusterEntry Entry(Psstd.Gossip.Wire.NodeRecord record, long seen)
    {
        var bytes = Psstd.Gossip.Wire.RecordCodec.ToBytes(record);
        Psstd.Gossip.Wire.RecordCodec.TryReadHeader(bytes, out var header, out var address);
        return ClusterMerge.Apply(null, header, bytes, address, seen).Entry;
    }

    [Fact]
    public void Snapshot_JudgesEachNodeByItsAge_AndOrdersByName()
    {
        var self = RecordSamples.Record(id: Guid.NewGuid(), name: "b-self");
        var fresh = RecordSamples.Record(id: Guid.NewGuid(), name: "c-fresh");
        var offline = RecordSamples.Record(id: Guid.NewGuid(), name: "a-offline");
        ClusterEntry[] entries = [Entry(self, 1000), Entry(fresh, 997), Entry(offline, 980)];

        // Ages in seconds: the "timestamp" is seconds here and now is 1000.
        var snapshot = ClusterSnapshotFactory.Create("lab", self, 1, entries, seen => TimeSpan.FromSeconds(1000 - seen));

        Assert.Equal("lab", snapshot.Cluster);
        Assert.Equal(self.Id, snapshot.SelfId);
        Assert.Equal(["a-offline", "b-self", "c-fresh"], snapshot.Nodes.Select(n => n.Name));
        Assert.Equal([NodeHealth.Offline, NodeHealth.Fresh, NodeHealth.Fresh], snapshot.Nodes.Select(n => n.Health));
        Assert.Equal([20.0, 0.0, 3.0], snapshot.Nodes.Select(n => n.AgeSeconds));
        Assert.Equal([false, true, false], snapshot.Nodes.Select(n => n.IsSelf));
        Assert.Equal(fresh.Metrics.CoreBusyPercent, snapshot.Nodes[2].Metrics.CoreBusyPercent);
        Assert.Equal(fresh.Metrics with { CoreBusyPercent = [] }, snapshot.Nodes[2].Metrics with { CoreBusyPercent = [] });
    }

    [Fact]
    public void ForgottenNode_StaysInTheSnapshot_AsForgotten_WithoutMetrics()
    {
        var self = RecordSamples.Record(id: Guid.NewGuid(), name: "a-self");
        var gone = Entry(RecordSamples.Record(id: Guid.NewGuid(), name: "b-gone", generation: 6, sequence: 80), 990);
        var tombstone = Psstd.Gossip.Wire.RecordCodec.Read(Tombstone.Forever(gone))!;

        var snapshot = ClusterSnapshotFactory.Create("lab", self, 1, [Entry(self, 1000), Entry(tombstone, 999)], seen => TimeSpan.FromSeconds(1000 - seen));

        var node = snapshot.Nodes.Single(n => n.Name == "b-gone");
        Assert.Equal((NodeHealth.Forgotten, 6L, 1.0, ""), (node.Health, node.Generation, node.AgeSeconds, node.DashboardUrl));
        Assert.Empty(node.Metrics.CoreBusyPercent);
        Assert.Equal(NodeHealth.Fresh, snapshot.Nodes.Single(n => n.IsSelf).Health);
    }

    [Fact]
    public void Silences_CountDownFromWhenTheRecordWasTaken_AndPeersAreHonouredOnlyWhenGossipIsAuthenticated()
    {
        var self = RecordSamples.Extended() with { Id = Guid.NewGuid(), Name = "a-self" }; // 90 minutes left
        var peer = RecordSamples.Extended() with
        {
            Id = Guid.NewGuid(),
            Name = "b-peer",
            Silences = [new SilenceClaim(Guid.NewGuid(), "", "db-*", TimeSpan.FromSeconds(100), "maintenance")],
        };
        var ended = RecordSamples.Extended() with
        {
            Id = Guid.NewGuid(),
            Name = "c-ended",
            Silences = [new SilenceClaim(Guid.NewGuid(), "cpu", "", TimeSpan.FromSeconds(10), "")],
        };
        ClusterEntry[] entries = [Entry(self, 1000), Entry(peer, 970), Entry(ended, 980)]; // held 0, 30 and 20 s

        var keyed = ClusterSnapshotFactory.Create("lab", self, 1, entries, seen => TimeSpan.FromSeconds(1000 - seen));
        var open = ClusterSnapshotFactory.Create("lab", self, 1, entries, seen => TimeSpan.FromSeconds(1000 - seen), gossipUnauthenticated: true);

        Assert.Equal([("b-peer", 70.0, true), ("a-self", 5400.0, true)], keyed.Silences.Select(s => (s.OriginName, s.RemainingSeconds, s.Honoured)));
        Assert.Equal([("a-self", true), ("b-peer", false)], open.Silences.Select(s => (s.OriginName, s.Honoured))); // honoured first
        Assert.True(open.GossipUnauthenticated);
        Assert.Equal(new Dictionary<string, string> { ["rack"] = "a-12", ["role"] = "db" }, keyed.Nodes[1].Tags);
        Assert.Equal("0123456789abcdef", keyed.Nodes[1].AlertsFingerprint);
    }

    [Fact]
    public void StrangersFloodingSilences_AreListedAtMostUpToTheCap_OwnFirst_AndTheirDeliveryClaimsAreDropped()
    {
        // An unkeyed cluster: 100 forged nodes, each with the most silences a record carries and a claimed delivery.
        var self = RecordSamples.Extended() with { Id = Guid.NewGuid(), Name = "a-self", Silences = [new SilenceClaim(Guid.NewGuid(), "", "", TimeSpan.FromDays(30), "own")] };
        var forged = Enumerable.Range(0, 100).Select(i => RecordSamples.Extended() with
        {
            Id = Guid.NewGuid(),
            Name = $"x-{i:000}",
            Silences = [.. Enumerable.Range(0, SilenceClaim.MaxPerNode).Select(_ => new SilenceClaim(Guid.NewGuid(), "", "", TimeSpan.FromSeconds(60), "mute"))],
        });
        ClusterEntry[] entries = [Entry(self, 1000), .. forged.Select(r => Entry(r, 1000))];

        var open = ClusterSnapshotFactory.Create("lab", self, 1, entries, seen => TimeSpan.FromSeconds(1000 - seen), gossipUnauthenticated: true);
        var keyed = ClusterSnapshotFactory.Create("lab", self, 1, entries, seen => TimeSpan.FromSeconds(1000 - seen));

        Assert.Equal(ClusterSnapshotFactory.MaxSilencesListed, open.Silences.Count);
        Assert.Equal("own", open.Silences[0].Comment); // honoured, so first although it ends last
        Assert.All(open.Silences.Skip(1), s => Assert.False(s.Honoured));
        Assert.All(open.Nodes.Where(n => !n.IsSelf), n => Assert.Empty(n.DeliveredNotices));
        Assert.All(keyed.Nodes, n => Assert.Equal(RecordSamples.Extended().DeliveredNotices, n.DeliveredNotices));
    }
}
