using Microsoft.Extensions.Time.Testing;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;
using Psstd.Tests.Support;

namespace Psstd.Tests.Gossip;

/// <summary>Suspicions travel: peers on the same silent version doubt a dead node before their own probes end.</summary>
public sealed partial class GossipEngineTests
{
    private static readonly TimeSpan Round = TimeSpan.FromMilliseconds(200);

    [Fact]
    public void Suspicion_IsTakenByAPeerOnTheSameSilentVersion_NotByOneWithNewerNews()
    {
        var clock = new FakeTimeProvider();
        var nodes = Nodes(4, clock: clock);
        var (detector, sameVersion, newerNews, victim) = (nodes[0], nodes[1], nodes[2], nodes[3]);
        foreach (var node in nodes)
        {
            node.Engine.SetSeeds([.. nodes.Where(n => n != node).Select(n => n.Address)]);
        }

        Rounds(nodes, 3);
        Assert.All(nodes[..3], n => Assert.Equal(victim.Record.Sequence, n.Cluster.Find(victim.Record.Id)?.Header.Sequence));

        // The victim dies. One peer still gets its very last record, later; another heard from it (an answered
        // probe) a little after the detector did, so its own probe would start and end later.
        var held = victim.Cluster.Find(victim.Record.Id)!.Header;
        victim.Publish();
        var last = RecordCodec.ToBytes(victim.Record);
        victim.Network.Remove(victim);
        var live = nodes[..3];
        var elapsed = TimeSpan.Zero;
        while (detector.Cluster.Find(victim.Record.Id)!.Suspected is false)
        {
            Assert.True(elapsed < TimeSpan.FromSeconds(5), "the detector never suspected the victim");
            if (elapsed == TimeSpan.FromMilliseconds(1200))
            {
                sameVersion.Cluster.MarkAlive(victim.Record.Id, clock.GetTimestamp());
                newerNews.Cluster.Merge(last);
            }

            TickAll(live);
            clock.Advance(Round);
            elapsed += Round;
        }

        TickAll(live); // the detector's next round tells its peers

        var taken = sameVersion.Cluster.Find(victim.Record.Id)!;
        Assert.Equal(held, taken.Header);
        Assert.True(taken.Suspected, "a peer on the same version, silent for an interval, takes the suspicion");
        Assert.True(clock.GetElapsedTime(taken.AliveTimestamp) < TimeSpan.FromSeconds(2), "before its own probe could even start");
        Assert.Equal(NodeHealth.Suspect, NodeHealthJudge.Judge(taken, clock));
        var newer = newerNews.Cluster.Find(victim.Record.Id)!;
        Assert.True(newer.Header.IsNewerThan(held));
        Assert.False(newer.Suspected, "a peer holding a newer version keeps its own judgement");
    }

    [Fact]
    public void PeerTheRelayKeepsMissing_CatchesUp_WithTheAnswerToItsProbe()
    {
        var clock = new FakeTimeProvider();
        var options = new GossipOptions { Cluster = "test", AntiEntropyEvery = Timeout.InfiniteTimeSpan };
        var nodes = Nodes(2, options, clock);
        var (prober, missed) = (nodes[0], nodes[1]);
        prober.Engine.SetSeeds([missed.Address]);
        missed.Engine.SetSeeds([prober.Address]);
        Rounds(nodes, 2);
        var first = prober.Cluster.Find(missed.Record.Id)!.Header.Sequence;
        missed.Loses.Add(MessageKind.Records); // every record it sends is lost; pings and acks get through

        for (var i = 0; i < 15; i++) // 3 s: silent for 2 intervals, then probed
        {
            TickAll(nodes);
            clock.Advance(Round);
        }

        var view = prober.Cluster.Find(missed.Record.Id)!;
        Assert.True(view.Header.Sequence > first + 5, $"held {view.Header.Sequence}, first {first}: the ack brought a newer record");
        Assert.True(clock.GetElapsedTime(view.SeenTimestamp) < TimeSpan.FromSeconds(1.5));
        Assert.False(view.Suspected);
    }

    [Fact]
    public void SuspectedNode_AnswersTheSuspicion_WithItsRecord_WhichClearsIt()
    {
        var clock = new FakeTimeProvider();
        var nodes = Nodes(2, clock: clock);
        var (doubter, doubted) = (nodes[0], nodes[1]);
        doubter.Engine.SetSeeds([doubted.Address]);
        doubted.Engine.SetSeeds([doubter.Address]);
        Rounds(nodes, 2);
        var stale = doubter.Cluster.Find(doubted.Record.Id)!.Header;
        doubted.Publish(); // newer versions the doubter has not received
        doubted.Publish();
        Assert.True(doubter.Cluster.MarkSuspect(doubted.Record.Id, stale));

        var outcome = doubted.Engine.Receive(SuspicionPacket((stale.Id, stale.Generation, stale.Sequence)), doubter.Address);
        doubted.Network.Deliver();

        Assert.Equal(DecodeOutcome.Accepted, outcome);
        var view = doubter.Cluster.Find(doubted.Record.Id)!;
        Assert.Equal(doubted.Record.Sequence, view.Header.Sequence);
        Assert.False(view.Suspected);
    }

    [Fact]
    public void MalformedSuspicion_IsCounted_AndChangesNothing()
    {
        var clock = new FakeTimeProvider();
        var nodes = Nodes(2, clock: clock);
        nodes[0].Engine.SetSeeds([nodes[1].Address]);
        Rounds(nodes, 1);
        var held = nodes[1].Cluster.Find(nodes[0].Record.Id)!.Header;
        clock.Advance(TimeSpan.FromSeconds(5));
        var whole = SuspicionPacket((held.Id, held.Generation, held.Sequence));
        var truncated = whole.AsSpan(0, whole.Length - 1).ToArray(); // the last varint cut off

        var outcome = nodes[1].Engine.Receive(truncated, nodes[0].Address);

        Assert.Equal(DecodeOutcome.Malformed, outcome);
        Assert.Equal(1, nodes[1].Counters.PacketsIn(DecodeOutcome.Malformed));
        Assert.False(nodes[1].Cluster.Find(nodes[0].Record.Id)!.Suspected);
    }

    private static void TickAll(IEnumerable<GossipNode> nodes)
    {
        foreach (var node in nodes)
        {
            node.Publish();
            node.Tick();
        }
    }

    private static byte[] SuspicionPacket(params (Guid Id, long Generation, long Sequence)[] versions)
    {
        var payload = new List<byte> { (byte)versions.Length };
        foreach (var (id, generation, sequence) in versions)
        {
            payload.AddRange(id.ToByteArray());
            payload.Add(checked((byte)generation)); // small values: a one-byte varint each
            payload.Add(checked((byte)sequence));
        }

        var packet = new byte[PacketCodec.MaxDatagramBytes];
        var length = PacketCodec.Write("test", null, MessageKind.Suspicion, payload.ToArray(), packet);
        return packet[..length];
    }
}
