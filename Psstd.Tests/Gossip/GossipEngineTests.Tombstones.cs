using Microsoft.Extensions.Time.Testing;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;
using Psstd.Tests.Support;

namespace Psstd.Tests.Gossip;

/// <summary>Tombstones through the real engine: forget, reap, and the way back by a restart.</summary>
public sealed partial class GossipEngineTests
{
    private static List<GossipNode> Ring(int count, FakeTimeProvider clock)
    {
        var nodes = Nodes(count, clock: clock);
        for (var i = 0; i < nodes.Count; i++)
        {
            nodes[i].Engine.SetSeeds([nodes[(i + 1) % nodes.Count].Address]);
        }

        return nodes;
    }

    private static void Seconds(IReadOnlyList<GossipNode> nodes, FakeTimeProvider clock, int seconds)
    {
        for (var i = 0; i < seconds * 5; i++)
        {
            Rounds(nodes, 1);
            clock.Advance(TimeSpan.FromMilliseconds(200));
        }
    }

    [Fact]
    public void Forget_ReachesEveryNode_KeepsTheRunningNodeOut_UntilItRestarts()
    {
        var clock = new FakeTimeProvider();
        var nodes = Ring(20, clock);
        Seconds(nodes, clock, 3);
        var (operatorNode, forgotten) = (nodes[0], nodes[19]);
        var generation = forgotten.Record.Generation;

        var outcome = operatorNode.Engine.Spread(Tombstone.Forever(operatorNode.Cluster.Find(forgotten.Record.Id)!), toEveryLivePeer: true);
        operatorNode.Network.Deliver();

        Assert.Equal(MergeOutcome.Updated, outcome);
        Assert.All(nodes[..19], peer => Assert.Equal(NodeHealth.Forgotten, peer.ViewOf(forgotten)));

        Seconds(nodes, clock, 5); // the forgotten node runs on, publishing and sending newer records of its generation
        Assert.All(nodes[..19], peer => Assert.Equal(NodeHealth.Forgotten, peer.ViewOf(forgotten)));
        Assert.Equal(NodeHealth.Fresh, forgotten.ViewOf(forgotten)); // it ignores the tombstone about itself
        Assert.True(forgotten.Record.Sequence > 20);

        forgotten.Restart();
        Seconds(nodes, clock, 3);
        Assert.All(nodes[..19], peer =>
        {
            Assert.Equal(NodeHealth.Fresh, peer.ViewOf(forgotten));
            Assert.Equal(generation + 1, peer.Cluster.Find(forgotten.Record.Id)!.Header.Generation);
        });
    }

    [Fact]
    public void Tombstone_SpreadByRelayAlone_ReachesNodesTheOriginCannotHear()
    {
        // A line a - b - c: only b can tell c. A fan-out wider than the cluster, so that the test is about
        // relaying, not about which peers a round happens to draw (a relay alone reaches about 90 %).
        var clock = new FakeTimeProvider();
        var nodes = Nodes(4, new GossipOptions { Cluster = "test", Fanout = 10 }, clock);
        var (a, b, c, victim) = (nodes[0], nodes[1], nodes[2], nodes[3]);
        GossipNetwork.Cut(a, c);
        a.Engine.SetSeeds([b.Address]);
        c.Engine.SetSeeds([b.Address]);
        victim.Engine.SetSeeds([b.Address]);
        Seconds(nodes, clock, 3);
        Flush(nodes[..3]); // the victim stops; what is still on its way arrives
        Assert.Equal(NodeHealth.Fresh, c.ViewOf(victim));
        Assert.Equal(victim.Record.Sequence, c.Cluster.Find(victim.Record.Id)!.Header.Sequence);

        a.Engine.Spread(Tombstone.Reaped(a.Cluster.Find(victim.Record.Id)!), toEveryLivePeer: false);
        a.Network.Deliver();
        Flush(nodes[..3]);

        Assert.True(c.Cluster.Find(victim.Record.Id)!.Header.Forgotten);
    }

    [Fact]
    public void ForgottenNode_IsNeitherProbedNorSentAnything()
    {
        var clock = new FakeTimeProvider();
        var nodes = Nodes(3, clock: clock);
        var (a, b, forgotten) = (nodes[0], nodes[1], nodes[2]);
        a.Engine.SetSeeds([b.Address]);
        b.Engine.SetSeeds([a.Address]);
        forgotten.Engine.SetSeeds([a.Address]);
        Seconds(nodes, clock, 3);
        a.Engine.Spread(Tombstone.Forever(a.Cluster.Find(forgotten.Record.Id)!), toEveryLivePeer: true);
        a.Network.Deliver();
        var heard = forgotten.Counters.PacketsIn(DecodeOutcome.Accepted);

        Seconds([a, b], clock, 12); // silent past probe time, offline time and two reconnect rounds

        Assert.Equal(heard, forgotten.Counters.PacketsIn(DecodeOutcome.Accepted));
        Assert.Equal(NodeHealth.Forgotten, b.ViewOf(forgotten));
    }

    [Fact]
    public void ReapTombstone_YieldsToTheNodesNextSequence()
    {
        var clock = new FakeTimeProvider();
        var nodes = Nodes(2, clock: clock);
        var (observer, far) = (nodes[0], nodes[1]);
        far.Engine.SetSeeds([observer.Address]);
        Seconds(nodes, clock, 2);

        observer.Engine.Spread(Tombstone.Reaped(observer.Cluster.Find(far.Record.Id)!), toEveryLivePeer: false);
        observer.Network.Deliver();
        Assert.Equal(NodeHealth.Forgotten, observer.ViewOf(far));

        Seconds([far], clock, 1); // it was only out of reach: its next sequence brings it back
        Assert.Equal(NodeHealth.Fresh, observer.ViewOf(far));
        Assert.False(observer.Cluster.Find(far.Record.Id)!.Header.Forgotten);
    }

    [Fact]
    public void Spread_RefusesATombstoneAboutThisNode_AndARecordThatIsNoTombstone()
    {
        var nodes = Nodes(2);
        Rounds(nodes, 1);
        var self = nodes[0].Cluster.Find(nodes[0].Record.Id)!;

        Assert.Throws<ArgumentException>(() => nodes[0].Engine.Spread(Tombstone.Forever(self), toEveryLivePeer: true));
        Assert.Throws<ArgumentException>(() => nodes[0].Engine.Spread(RecordCodec.ToBytes(nodes[1].Record), toEveryLivePeer: true));
    }
}
