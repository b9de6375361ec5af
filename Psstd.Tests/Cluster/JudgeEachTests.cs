using Microsoft.Extensions.Time.Testing;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;
using Psstd.Tests.Gossip;

namespace Psstd.Tests.Cluster;

public sealed class JudgeEachTests
{
    [Fact]
    public void JudgeEach_VisitsEveryHeldNodeOnce_WithItsHealthAndArrival_AsJudgeSaysForEach()
    {
        var clock = new FakeTimeProvider();
        var catalog = new NodeCatalog();
        var state = new ClusterState(clock, catalog);
        var ids = Enumerable.Range(0, 3).Select(i => new Guid(i, 5, 5, [0, 0, 0, 0, 0, 0, 0, 5])).ToList();
        catalog.Number(Guid.NewGuid()); // a node this state never holds: not visited
        state.Merge(RecordCodec.ToBytes(RecordSamples.Record(id: ids[0], name: "old")));
        clock.Advance(TimeSpan.FromSeconds(10)); // with the 10 s below, past the 15 s TTL: offline
        state.Merge(RecordCodec.ToBytes(RecordSamples.Record(id: ids[1], name: "new")));
        clock.Advance(TimeSpan.FromSeconds(10)); // 10 s, past half the TTL: stale
        state.Merge(RecordCodec.ToBytes(RecordSamples.Record(id: ids[2], name: "now")));

        var visited = new List<(int Number, NodeHealth Health, long Seen)>();
        state.JudgeEach((number, health, seen) => visited.Add((number, health, seen)));

        Assert.Equal(ids.Select(catalog.Number).Order(), visited.Select(v => v.Number).Order());
        foreach (var (number, health, seen) in visited)
        {
            var judged = state.Judge(ids.Single(id => catalog.Number(id) == number))!.Value;
            Assert.Equal((judged.Health, judged.Seen), (health, seen));
        }

        Assert.Equal([NodeHealth.Offline, NodeHealth.Stale, NodeHealth.Fresh], visited.OrderBy(v => v.Seen).Select(v => v.Health));
    }
}
