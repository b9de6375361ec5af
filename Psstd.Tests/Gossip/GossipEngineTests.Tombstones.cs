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
    /// <summary>A datagram relaying <paramref name="record"/> as news.</summary>
    private static byte[] RecordsPacket(byte[] record)
    {
        var payload = new byte[PacketCodec.MaxDatagramBytes];
        var next = 0;
        var length = RecordBatch.Pack([record], ref next, payload);
        var packet = new byte[PacketCodec.MaxDatagramBytes];
        return packet[..PacketCodec.Write("test", null, MessageKind.Records, payload.AsSpan(0, length), packet)];
    }

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
    public void Forget_OfAStoppedNode_ReachesEveryNode_KeepsItOutAgainstItsOldRecords_UntilItRestarts()
    {
        var clock = new FakeTimeProvider();
        var nodes = Ring(20, clock);
        Seconds(nodes, clock, 3);
        var (operatorNode, forgotten) = (nodes[0], nodes[19]);
        var generation = forgotten.Record.Generation;
        var lastRecord = RecordCodec.ToBytes(forgotten.Record);
        forgotten.Network.Remove(forgotten); // it stops: nothing reaches it, it sends nothing

        var outcome = operatorNode.Engine.Spread(Tombstone.Forever(operatorNode.Cluster.Find(forgotten.Record.Id)!), toEveryLivePeer: true);
        operatorNode.Network.Deliver();
        Seconds(nodes[..19], clock, 2); // each peer asks the node first; it does not answer, so the tombstone stands

        Assert.Equal(MergeOutcome.Updated, outcome);
        Assert.All(nodes[..19], peer => Assert.Equal(NodeHealth.Forgotten, peer.ViewOf(forgotten)));

        Assert.Equal(DecodeOutcome.Accepted, nodes[5].Engine.Receive(RecordsPacket(lastRecord), nodes[6].Address)); // an old copy still travelling
        Assert.Equal(NodeHealth.Forgotten, nodes[5].ViewOf(forgotten));

        forgotten.Network.Add(forgotten.Address, forgotten);
        forgotten.Restart();
        Seconds(nodes, clock, 3);
        Assert.All(nodes[..19], peer =>
        {
            Assert.Equal(NodeHealth.Fresh, peer.ViewOf(forgotten));
            Assert.Equal(generation + 1, peer.Cluster.Find(forgotten.Record.Id)!.Header.Generation);
        });
    }

    [Fact]
    public void Forget_OfARunningNode_IsCheckedWithIt_AndNoPeerBuriesIt()
    {
        // No record may erase a live node. A tombstone is a claim like any other: each peer asks the node at
        // the address it holds, and a node that answers keeps its place.
        var clock = new FakeTimeProvider();
        var nodes = Ring(10, clock);
        Seconds(nodes, clock, 3);
        var (operatorNode, running) = (nodes[0], nodes[9]);

        operatorNode.Engine.Spread(Tombstone.Forever(operatorNode.Cluster.Find(running.Record.Id)!), toEveryLivePeer: true);
        operatorNode.Network.Deliver();
        Seconds(nodes, clock, 2);

        Assert.All(nodes[1..9], peer => Assert.Equal(NodeHealth.Fresh, peer.ViewOf(running)));
        Assert.True(nodes[1..9].Sum(peer => peer.Counters.ClaimsRefuted) >= 8);
        Assert.Equal(NodeHealth.Fresh, operatorNode.ViewOf(running)); // the node heard it too, and outranked it
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
        Flush(nodes[..3]); // what is still on its way arrives
        victim.Network.Remove(victim); // the victim stops
        Assert.Equal(NodeHealth.Fresh, c.ViewOf(victim));
        Assert.Equal(victim.Record.Sequence, c.Cluster.Find(victim.Record.Id)!.Header.Sequence);

        a.Engine.Spread(Tombstone.Reaped(a.Cluster.Find(victim.Record.Id)!), toEveryLivePeer: false);
        a.Network.Deliver();
        Seconds(nodes[..3], clock, 2); // b and then c ask the victim first: it does not answer, so the tombstone stands

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
        forgotten.Network.Remove(forgotten); // it stops
        a.Engine.Spread(Tombstone.Forever(a.Cluster.Find(forgotten.Record.Id)!), toEveryLivePeer: true);
        a.Network.Deliver();
        Seconds([a, b], clock, 1); // b's question to the node goes unanswered: the tombstone stands there too
        var tried = a.SentTo(forgotten.Address) + b.SentTo(forgotten.Address);

        Seconds([a, b], clock, 12); // silent past probe time, offline time and two reconnect rounds

        Assert.Equal(tried, a.SentTo(forgotten.Address) + b.SentTo(forgotten.Address));
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
