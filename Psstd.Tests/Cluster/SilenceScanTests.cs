using Microsoft.Extensions.Time.Testing;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;
using Psstd.Tests.Gossip;

namespace Psstd.Tests.Cluster;

/// <summary>
/// <see cref="ClusterState.CollectSilent"/>, the failure detector's question each round, straight on a
/// state with a fake clock: who is silent, in what order, and who leaves or returns to the list.
/// </summary>
public sealed class SilenceScanTests
{
    private const double Intervals = 2; // records say 1 s: silent after 2 s
    private readonly FakeTimeProvider _clock = new();
    private readonly ClusterState _state;
    private readonly List<SilentNode> _found = [];

    public SilenceScanTests() => _state = new ClusterState(_clock);

    private static Guid Id(int i) => new(i, 3, 3, [0, 0, 0, 0, 0, 0, 0, 3]);

    private void Publish(int i, long sequence = 1) =>
        _state.Merge(RecordCodec.ToBytes(RecordSamples.Record(id: Id(i), name: $"n{i}", sequence: sequence) with { GossipAddress = $"192.0.2.{i + 1}:7947" }));

    private List<int> Scan(int limit = 64)
    {
        _state.CollectSilent(_clock.GetTimestamp(), Intervals, _found, limit);
        return [.. _found.Select(f => Enumerable.Range(0, 10).Single(i => Id(i) == f.Version.Id))];
    }

    [Fact]
    public void SilentNodes_ComeOutLongestSilentFirst_UpToTheLimit()
    {
        Publish(5);
        Assert.Empty(Scan()); // the first scan lays out the due times
        _clock.Advance(TimeSpan.FromSeconds(1));
        Publish(2);
        _clock.Advance(TimeSpan.FromSeconds(0.1));
        Publish(7);

        _clock.Advance(TimeSpan.FromSeconds(1.4)); // node 5 silent 2.5 s, node 2 1.5 s, node 7 1.4 s
        Assert.Equal([5], Scan());

        _clock.Advance(TimeSpan.FromSeconds(1)); // all three silent now
        Assert.Equal([5, 2], Scan(limit: 2));
        Assert.Equal([5, 2, 7], Scan()); // nobody lost beyond the limit, nobody twice
    }

    [Fact]
    public void News_TakesANodeOffTheList_AndSilenceAgainBringsItBackOnce()
    {
        Publish(1);
        Publish(4);
        Scan();
        _clock.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Equal([1, 4], Scan());

        Publish(1, sequence: 2); // news of node 1
        Assert.Equal([4], Scan());

        _clock.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Equal([4, 1], Scan());
    }

    [Fact]
    public void ASuspectedNode_IsSetAside_UntilNewsOfItFallsSilentAgain()
    {
        Publish(3);
        Scan();
        _clock.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Equal([3], Scan());
        Assert.True(_state.MarkSuspect(Id(3), Assert.Single(_found).Version.Header));

        Assert.Empty(Scan()); // suspected: the failure detector is done with it
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Empty(Scan());

        Publish(3, sequence: 2); // alive after all, then silent again
        _clock.Advance(TimeSpan.FromSeconds(2.5));
        Assert.Equal([3], Scan());
    }
}
