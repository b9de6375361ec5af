using Microsoft.Extensions.Time.Testing;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;
using Psstd.Tests.Support;

namespace Psstd.Tests.Gossip;

/// <summary>
/// Two real engines on the in-memory network, datagrams and streams alike (streams through the agent's
/// frame reader), with the relay turned off: what anti-entropy alone repairs, and what it costs.
/// </summary>
public sealed class AntiEntropyTests
{
    /// <summary>No relay, and no failure detector (its pings would blur what sync costs).</summary>
    private static readonly GossipOptions SyncOnly = new() { Cluster = "test", Fanout = 0, OriginFanout = 0, ProbeAfterIntervals = 1000 };

    /// <summary>Records of other nodes (addresses nobody listens on), versions from <paramref name="sequence"/>.</summary>
    private static List<byte[]> Others(int count, long sequence = 1, int firstId = 0) =>
        [.. Enumerable.Range(firstId, count).Select(i => RecordCodec.ToBytes(
            RecordSamples.Record(id: new Guid(i, 1, 1, [0, 0, 0, 0, 0, 0, 0, 9]), name: $"other-{i}", sequence: sequence) with { GossipAddress = $"198.51.100.{i % 250}:7947" }))];

    private readonly FakeTimeProvider _clock = new();

    /// <summary>An old node and a new one that has it as its seed, each holding its own record.</summary>
    private (GossipNode Old, GossipNode New) Pair()
    {
        var network = new GossipNetwork(_clock);
        var old = network.Add(0, SyncOnly);
        var fresh = network.Add(1, SyncOnly);
        old.Publish();
        fresh.Publish();
        fresh.Engine.SetSeeds([old.Address]);
        return (old, fresh);
    }

    [Fact]
    public void NewNode_PullsTheWholeClusterFromItsSeed_InItsFirstRound_OverAStream()
    {
        var (old, fresh) = Pair();
        Others(60).ForEach(r => old.Cluster.Merge(r));

        fresh.Tick();

        Assert.Equal(62, fresh.Cluster.Count); // 60 others, the seed and itself
        Assert.Equal(1, fresh.Counters.StreamsIn);
        Assert.Equal(0, fresh.Counters.Dropped);
    }

    [Fact]
    public void TwoNodesThatEachMissedRecords_RepairEachOther_BothWays_InOneExchange()
    {
        var (old, fresh) = Pair();
        Others(40).ForEach(r => old.Cluster.Merge(r));
        Others(40, firstId: 20).ForEach(r => fresh.Cluster.Merge(r));
        Others(1, sequence: 9, firstId: 25).ForEach(r => fresh.Cluster.Merge(r)); // a newer version the old node lacks
        old.Cluster.Merge(RecordCodec.ToBytes(RecordSamples.Record(id: new Guid(30, 1, 1, [0, 0, 0, 0, 0, 0, 0, 9]), name: "other-30", generation: 2) with { GossipAddress = "198.51.100.30:7947" }));

        fresh.Tick();

        var all = Enumerable.Range(0, 60).Select(i => new Guid(i, 1, 1, [0, 0, 0, 0, 0, 0, 0, 9])).ToList();
        Assert.All(all, id => Assert.NotNull(old.Cluster.Find(id)));
        Assert.All(all, id => Assert.NotNull(fresh.Cluster.Find(id)));
        Assert.Equal(9, old.Cluster.Find(all[25])!.Header.Sequence);
        Assert.Equal(2, fresh.Cluster.Find(all[30])!.Header.Generation);
    }

    [Fact]
    public void NodesInAgreement_ExchangeOneSummary_AndNothingComesBack()
    {
        var (old, fresh) = Pair();
        Others(500).ForEach(r => old.Cluster.Merge(r));
        fresh.Tick(); // the first exchange brings the new node up to date, and the old one learns it
        _clock.Advance(SyncOnly.AntiEntropyEvery);
        Others(500, sequence: 7).ForEach(r => { old.Cluster.Merge(r); fresh.Cluster.Merge(r); }); // newer sequences alone change no summary
        var oldOut = old.Counters.PacketsOut;
        var freshOut = fresh.Counters.BytesOut;

        fresh.Tick();

        Assert.Equal(2, fresh.Counters.SyncRounds);
        Assert.Equal(oldOut, old.Counters.PacketsOut);
        Assert.InRange(fresh.Counters.BytesOut - freshOut, 1, 1200); // the summary (and the own record the reconnect timer sends the seed)
        Assert.Equal(502, old.Cluster.Count);
        Assert.Equal(502, fresh.Cluster.Count);
    }

    [Fact]
    public void PastTheBudget_ExchangesStartStrideTimesLessOften()
    {
        // An exchange every 15 s instead of every 5 s.
        var (old, fresh) = PacedPair();
        fresh.Tick();
        Assert.Equal(1, fresh.Counters.SyncRounds);

        _clock.Advance(SyncOnly.AntiEntropyEvery);
        fresh.Tick();
        Assert.Equal(1, fresh.Counters.SyncRounds);

        _clock.Advance(2 * SyncOnly.AntiEntropyEvery);
        fresh.Tick();
        Assert.Equal(2, fresh.Counters.SyncRounds);
        Assert.Equal(0, old.Counters.Dropped);
    }

    [Fact]
    public void PastTheBudget_WhileStillLearningTheCluster_ExchangesAtTheUnpacedPeriod()
    {
        var (_, fresh) = PacedPair();
        fresh.Tick();
        Others(20).ForEach(r => fresh.Cluster.Merge(r)); // learned since that exchange: 22 nodes instead of 2

        _clock.Advance(SyncOnly.AntiEntropyEvery);
        fresh.Tick();
        Assert.Equal(2, fresh.Counters.SyncRounds);

        Others(1, firstId: 20).ForEach(r => fresh.Cluster.Merge(r)); // one more: under a twentieth, the cluster is known
        _clock.Advance(SyncOnly.AntiEntropyEvery);
        fresh.Tick();
        Assert.Equal(2, fresh.Counters.SyncRounds);

        _clock.Advance(2 * SyncOnly.AntiEntropyEvery);
        fresh.Tick();
        Assert.Equal(3, fresh.Counters.SyncRounds);
    }

    [Fact]
    public void PastTheBudget_AnExchangeThatBroughtANodeUnknownHere_IsFollowedByOneAtTheUnpacedPeriod()
    {
        var (old, fresh) = PacedPair();
        Others(40).ForEach(r => { old.Cluster.Merge(r); fresh.Cluster.Merge(r); });
        Others(1, firstId: 40).ForEach(r => old.Cluster.Merge(r)); // a node whose versions the relay never brought here: 43 known, not a twentieth more than 42

        fresh.Tick();
        Assert.NotNull(fresh.Cluster.Find(new Guid(40, 1, 1, [0, 0, 0, 0, 0, 0, 0, 9])));
        Assert.Equal(1, fresh.Counters.SyncRounds);

        _clock.Advance(SyncOnly.AntiEntropyEvery);
        fresh.Tick();
        Assert.Equal(2, fresh.Counters.SyncRounds); // still learning: others may lack more

        _clock.Advance(SyncOnly.AntiEntropyEvery);
        fresh.Tick();
        Assert.Equal(2, fresh.Counters.SyncRounds); // that exchange brought nobody new: every third period again

        _clock.Advance(2 * SyncOnly.AntiEntropyEvery);
        fresh.Tick();
        Assert.Equal(3, fresh.Counters.SyncRounds);
        Assert.Equal(0, old.Counters.Dropped);
    }

    /// <summary>
    /// A pair whose new node publishes every 3 intervals (its record says 3 s; PSSTD_INTERVAL is 1 s) and
    /// already knows its seed: its first exchange teaches it nothing new.
    /// </summary>
    private (GossipNode Old, GossipNode New) PacedPair()
    {
        var (old, fresh) = Pair();
        fresh.Cluster.Merge(RecordCodec.ToBytes(fresh.Record with { Sequence = fresh.Record.Sequence + 1, Interval = 3 * SyncOnly.Interval }));
        fresh.Cluster.Merge(RecordCodec.ToBytes(old.Record));
        old.Cluster.Merge(RecordCodec.ToBytes(fresh.Record));
        return (old, fresh);
    }
}
