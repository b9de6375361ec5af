using Microsoft.Extensions.Time.Testing;
using Psstd.Agent.Events;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;

namespace Psstd.Tests.Store;

public sealed class NodeEventDetectorTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly ClusterState _cluster;
    private readonly NodeEventDetector _detector;

    public NodeEventDetectorTests()
    {
        _cluster = new ClusterState(_clock);
        _detector = new NodeEventDetector(_clock);
    }

    [Theory]
    [InlineData(null, NodeHealth.Fresh, ClusterEventKind.Join)]
    [InlineData(null, NodeHealth.Offline, ClusterEventKind.Join)]
    [InlineData(NodeHealth.Fresh, NodeHealth.Stale, ClusterEventKind.Stale)]
    [InlineData(NodeHealth.Fresh, NodeHealth.Suspect, ClusterEventKind.Suspect)]
    [InlineData(NodeHealth.Stale, NodeHealth.Offline, ClusterEventKind.Offline)]
    [InlineData(NodeHealth.Fresh, NodeHealth.Left, ClusterEventKind.Left)]
    [InlineData(NodeHealth.Offline, NodeHealth.Fresh, ClusterEventKind.Recovered)]
    [InlineData(NodeHealth.Left, NodeHealth.Fresh, ClusterEventKind.Recovered)]
    [InlineData(NodeHealth.Offline, NodeHealth.Forgotten, ClusterEventKind.Forgotten)]
    public void Transition_NamesTheNewState(NodeHealth? previous, NodeHealth current, ClusterEventKind expected) =>
        Assert.Equal(expected, HealthTransition.Kind(previous, current));

    [Theory]
    [InlineData(NodeHealth.Fresh)]
    [InlineData(NodeHealth.Offline)]
    public void Transition_NoChange_IsNoEvent(NodeHealth health) => Assert.Null(HealthTransition.Kind(health, health));

    [Fact]
    public void Observe_FollowsANodeThroughItsLife()
    {
        Receive(1, generation: 1, sequence: 1);
        Assert.Equal([ClusterEventKind.Join], Kinds());
        Assert.Empty(Kinds());

        _clock.Advance(TimeSpan.FromSeconds(8)); // past TTL/2 of 15 s
        Assert.Equal([ClusterEventKind.Stale], Kinds());

        _clock.Advance(TimeSpan.FromSeconds(8)); // past TTL
        Assert.Equal([ClusterEventKind.Offline], Kinds());

        Receive(1, generation: 2, sequence: 1, version: "0.2.0");
        var back = _detector.Observe(_cluster.Entries());
        Assert.Equal([ClusterEventKind.VersionChange, ClusterEventKind.Recovered], back.Select(e => e.Kind));
        Assert.Equal("0.1.0 -> 0.2.0", back[0].Detail);
        Assert.All(back, e => Assert.Equal("node-1", e.NodeName));
        Assert.All(back, e => Assert.Equal(_clock.GetUtcNow(), e.At));

        Receive(1, generation: 2, sequence: 2, left: true);
        Assert.Equal([ClusterEventKind.Left], Kinds());
    }

    [Fact]
    public void Observe_SuspectedNode_IsReported()
    {
        Receive(1, 1, 1);
        _ = Kinds();
        var entry = _cluster.Find(StoreHarness.Id(1))!;
        _cluster.MarkSuspect(entry.Id, entry.Header);

        Assert.Equal([ClusterEventKind.Suspect], Kinds());
    }

    [Fact]
    public void Observe_ANodeNoLongerHeld_IsForgotten()
    {
        Receive(1, 1, 1);
        Receive(2, 1, 1);
        _ = Kinds();

        var events = _detector.Observe([_cluster.Find(StoreHarness.Id(1))!]);

        var forgotten = Assert.Single(events);
        Assert.Equal(ClusterEventKind.Forgotten, forgotten.Kind);
        Assert.Equal(StoreHarness.Id(2), forgotten.NodeId);
    }

    [Fact]
    public void Prime_KnownNodes_AreNoNews()
    {
        Receive(1, 1, 1);
        _detector.Prime(_cluster.Entries());

        Assert.Empty(Kinds());
    }

    private void Receive(int n, long generation, long sequence, string version = "0.1.0", bool left = false) =>
        _cluster.Merge(RecordCodec.ToBytes(StoreHarness.Node(n, sequence, generation, version: version) with { Left = left }));

    private ClusterEventKind[] Kinds() => [.. _detector.Observe(_cluster.Entries()).Select(e => e.Kind)];
}
