using System.Security.Cryptography;
using Microsoft.Extensions.Time.Testing;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;
using Psstd.Tests.Support;

namespace Psstd.Tests.Gossip;

/// <summary>The real engine, a few nodes on the in-memory network: what reaches whom, and what is dropped.</summary>
public sealed partial class GossipEngineTests
{
    private static List<GossipNode> Nodes(int count, GossipOptions? options = null, FakeTimeProvider? clock = null) =>
        new GossipNetwork(clock ?? new FakeTimeProvider()).AddMany(count, options);

    private static void Rounds(IReadOnlyList<GossipNode> nodes, int rounds)
    {
        for (var round = 0; round < rounds; round++)
        {
            foreach (var node in nodes)
            {
                node.Publish();
                node.Tick();
            }
        }
    }

    /// <summary>Rounds with nothing new published: whatever is still queued travels on.</summary>
    private static void Flush(List<GossipNode> nodes)
    {
        for (var round = 0; round < nodes.Count; round++)
        {
            foreach (var node in nodes)
            {
                node.Tick();
            }
        }
    }

    [Fact]
    public void TwoNodes_LearnEachOther_FromASeed()
    {
        var nodes = Nodes(2);
        nodes[0].Engine.SetSeeds([nodes[1].Address]);

        Rounds(nodes, 2);

        Assert.Equal(RecordCodec.ToBytes(nodes[0].Record), nodes[1].Cluster.Find(nodes[0].Record.Id)?.Encoded);
        Assert.Equal(nodes[1].Record.Id, nodes[0].Cluster.Find(nodes[1].Record.Id)?.Id);
    }

    [Fact]
    public void Records_AreRelayed_ToNodesThatCannotHearTheOriginDirectly()
    {
        // A line a - b - c: a and c never talk, b relays what is new to it.
        var nodes = Nodes(3);
        var (a, b, c) = (nodes[0], nodes[1], nodes[2]);
        GossipNetwork.Cut(a, c);
        a.Engine.SetSeeds([b.Address]);
        c.Engine.SetSeeds([b.Address]);

        Rounds(nodes, 10);
        Flush(nodes);

        Assert.Equal(a.Record.Sequence, c.Cluster.Find(a.Record.Id)?.Header.Sequence);
        Assert.Equal(c.Record.Sequence, a.Cluster.Find(c.Record.Id)?.Header.Sequence);
        Assert.Equal(0, a.Counters.PacketsIn(DecodeOutcome.Malformed));
    }

    [Fact]
    public void TwentyNodes_SeededInARing_ConvergeToEveryoneFresh()
    {
        var clock = new FakeTimeProvider();
        var nodes = Nodes(20, clock: clock);
        for (var i = 0; i < nodes.Count; i++)
        {
            nodes[i].Engine.SetSeeds([nodes[(i + 1) % nodes.Count].Address]);
        }

        // Ten simulated seconds at the agent's own pace: one round every RoundInterval (200 ms).
        var roundInterval = new GossipOptions { Cluster = "test" }.RoundInterval;
        for (var round = 0; round < TimeSpan.FromSeconds(10) / roundInterval; round++)
        {
            Rounds(nodes, 1);
            clock.Advance(roundInterval);
        }

        foreach (var observer in nodes)
        {
            Assert.Equal(20, observer.Cluster.Count);
            Assert.All(observer.Cluster.Entries(), e =>
                Assert.Equal(NodeHealth.Fresh, NodeHealthJudge.Judge(e, clock)));
        }
    }

    [Fact]
    public void Leave_ReachesEveryNode_AtOnce()
    {
        var clock = new FakeTimeProvider();
        var nodes = Nodes(20, clock: clock);
        for (var i = 0; i < nodes.Count; i++)
        {
            nodes[i].Engine.SetSeeds([nodes[(i + 1) % nodes.Count].Address]);
        }

        Rounds(nodes, 10);
        var leaver = nodes[0];
        leaver.Leave();
        leaver.Engine.AnnounceLeave();
        leaver.Network.Deliver();

        var views = nodes[1..].Select(observer => NodeHealthJudge.Judge(observer.Cluster.Find(leaver.Record.Id)!, clock)).ToArray();
        Assert.All(views, view => Assert.Equal(NodeHealth.Left, view));
    }

    [Fact]
    public void SilentNode_IsSuspected_AfterDirectAndIndirectProbesGoUnanswered()
    {
        var clock = new FakeTimeProvider();
        var nodes = Nodes(5, clock: clock);
        for (var i = 0; i < nodes.Count; i++)
        {
            nodes[i].Engine.SetSeeds([nodes[(i + 1) % nodes.Count].Address]);
        }

        for (var i = 0; i < 10; i++)
        {
            Rounds(nodes, 1);
            clock.Advance(TimeSpan.FromMilliseconds(200));
        }

        var dead = nodes[4];
        dead.Network.Remove(dead); // nothing reaches it any more
        var live = nodes[..4];
        for (var i = 0; i < 20; i++) // 4 s of rounds
        {
            foreach (var node in live)
            {
                node.Publish();
                node.Tick();
            }

            clock.Advance(TimeSpan.FromMilliseconds(200));
        }

        foreach (var observer in live)
        {
            Assert.Equal(NodeHealth.Suspect, NodeHealthJudge.Judge(observer.Cluster.Find(dead.Record.Id)!, clock));
            Assert.All(live.Where(n => n != observer).Select(n => NodeHealthJudge.Judge(observer.Cluster.Find(n.Record.Id)!, clock)),
                health => Assert.Equal(NodeHealth.Fresh, health));
        }
    }

    [Fact]
    public void QuietButAliveNode_AnswersItsProbe_AndIsNeverSuspected()
    {
        var clock = new FakeTimeProvider();
        var nodes = Nodes(2, clock: clock);
        var (prober, quiet) = (nodes[0], nodes[1]);
        prober.Engine.SetSeeds([quiet.Address]);
        quiet.Engine.SetSeeds([prober.Address]);
        Rounds(nodes, 2);

        for (var i = 0; i < 25; i++) // 5 s in which the quiet node publishes nothing new, but still answers
        {
            prober.Publish();
            prober.Tick();
            clock.Advance(TimeSpan.FromMilliseconds(200));
        }

        var view = prober.Cluster.Find(quiet.Record.Id)!;
        Assert.False(view.Suspected);
        Assert.True(clock.GetElapsedTime(view.AliveTimestamp) < TimeSpan.FromSeconds(2.5));
        Assert.Equal(0, prober.Engine.HealthScore);
    }

    [Fact]
    public void ProbedNode_ThatDoesNotKnowTheProber_LearnsIt_SoTheNextAckBringsItsNewerRecord()
    {
        // The prober holds an old version of the quiet node; the quiet node never heard of the prober
        // (the relay missed it), so its ack says "alive" without its record, and the old version would
        // age into offline. The prober introduces itself after such an ack.
        var clock = new FakeTimeProvider();
        var nodes = Nodes(2, new GossipOptions { Cluster = "test", AntiEntropyEvery = Timeout.InfiniteTimeSpan }, clock);
        var (prober, quiet) = (nodes[0], nodes[1]);
        prober.Publish();
        prober.Cluster.Merge(RecordCodec.ToBytes(quiet.Record));
        prober.Unreachable.Add(quiet.Address);
        prober.Tick(); // its own first record goes nowhere
        prober.Unreachable.Clear();
        quiet.Publish(); // a newer version the prober has not heard of; the quiet node sends nothing itself

        for (var i = 0; i < 30; i++) // 6 s: the quiet node's 1 s record falls silent after 2 s, so two probes
        {
            clock.Advance(TimeSpan.FromMilliseconds(200));
            prober.Tick();
        }

        Assert.NotNull(quiet.Cluster.Find(prober.Record.Id));
        Assert.Equal(quiet.Record.Sequence, prober.Cluster.Find(quiet.Record.Id)!.Header.Sequence);
    }

    [Fact]
    public void OtherCluster_IsDroppedAndCounted_NeverMerged()
    {
        var network = new GossipNetwork(new FakeTimeProvider());
        var ours = network.Add(0, new GossipOptions { Cluster = "ours" });
        var theirs = network.Add(1, new GossipOptions { Cluster = "theirs" });
        theirs.Engine.SetSeeds([ours.Address]);

        theirs.Publish();
        theirs.Tick();

        Assert.Null(ours.Cluster.Find(theirs.Record.Id));
        Assert.True(ours.Counters.PacketsIn(DecodeOutcome.OtherCluster) > 0);
    }

    [Fact]
    public void KeyedCluster_RejectsAnAgentWithoutTheKey_AndSaysWhy()
    {
        var network = new GossipNetwork(new FakeTimeProvider());
        using var keyring = new GossipKeyring([RandomNumberGenerator.GetBytes(32)]);
        var keyed = network.Add(0, new GossipOptions { Cluster = "c", Keyring = keyring });
        var keyedPeer = network.Add(1, new GossipOptions { Cluster = "c", Keyring = keyring });
        var keyless = network.Add(2, new GossipOptions { Cluster = "c" });
        keyless.Engine.SetSeeds([keyed.Address]);
        keyedPeer.Engine.SetSeeds([keyed.Address]);

        Rounds([keyless, keyedPeer], 1);

        Assert.Null(keyed.Cluster.Find(keyless.Record.Id));
        Assert.NotNull(keyed.Cluster.Find(keyedPeer.Record.Id));
        Assert.True(keyed.Counters.PacketsIn(DecodeOutcome.NotSealed) > 0);
    }

    [Fact]
    public void OverBudget_NewsWaits_AndNewerVersionsReplaceIt()
    {
        // A budget of one and a half packets: one packet now, the next only after a refill.
        var packet = PacketCodec.Overhead("test", null) + 1 + 2 + RecordCodec.ToBytes(RecordSamples.Record()).Length;
        var clock = new FakeTimeProvider();
        var nodes = Nodes(2, new GossipOptions { Cluster = "test", BandwidthBytesPerSecond = packet * 3 / 2, AntiEntropyEvery = Timeout.InfiniteTimeSpan }, clock);
        var (sender, receiver) = (nodes[0], nodes[1]);
        sender.Engine.SetSeeds([receiver.Address]);

        Rounds([sender], 3); // versions 2, 3, 4 in one instant: 2 goes out, 3 waits, 4 replaces it

        Assert.Equal(1, receiver.Counters.RecordsNew);
        Assert.Equal(2L, receiver.Cluster.Find(sender.Record.Id)?.Header.Sequence);
        Assert.True(sender.Counters.RoundsOverBudget >= 2);

        clock.Advance(TimeSpan.FromSeconds(1));
        sender.Tick();

        Assert.Equal(2, receiver.Counters.RecordsNew); // version 3 never travelled
        Assert.Equal(4L, receiver.Cluster.Find(sender.Record.Id)?.Header.Sequence);
    }

    [Fact]
    public void GarbagePackets_AreCounted_AndChangeNothing()
    {
        var nodes = Nodes(1);
        var random = new Random(5);
        for (var i = 0; i < 2_000; i++)
        {
            var garbage = new byte[random.Next(0, 300)];
            random.NextBytes(garbage);
            if (garbage.Length > 4)
            {
                "ps"u8.CopyTo(garbage); // get past the magic sometimes
                garbage[2] = PacketCodec.WireVersion;
            }

            // The receiver records a contact as heard only on Accepted: garbage must never say so.
            Assert.NotEqual(DecodeOutcome.Accepted, nodes[0].Engine.Receive(garbage, nodes[0].Address));
        }

        Assert.Equal(0, nodes[0].Cluster.Count);
        Assert.Equal(0, nodes[0].Counters.PacketsIn(DecodeOutcome.Accepted));
        Assert.Equal(2_000, nodes[0].Counters.Dropped);
    }
}
