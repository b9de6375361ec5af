using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Psstd.Agent.Configuration;
using Psstd.Agent.Forgetting;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;
using Psstd.Tests.Gossip;
using Psstd.Tests.Support;

namespace Psstd.Tests.Forgetting;

/// <summary>The reaper on a fake clock: PSSTD_REAP=1m, TTL 15 s.</summary>
public sealed class NodeReaperTests : IDisposable
{
    private readonly FakeTimeProvider _clock = new();
    private readonly ClusterState _cluster;
    private readonly GossipNode _node;
    private readonly NodeReaper _reaper;
    private readonly NodeRecord _self = RecordSamples.Record(id: Guid.NewGuid(), name: "self");

    public NodeReaperTests()
    {
        _node = new GossipNetwork(_clock).Add(GossipNetwork.AddressOf(0), new GossipOptions { Cluster = "test" }, _self, new Random(1));
        _cluster = _node.Cluster;
        var settings = AgentSettings.FromEnvironment(new Dictionary<string, string> { ["PSSTD_REAP"] = "1m" }, "self");
        _reaper = new NodeReaper(_cluster, _node.Engine, settings, _self.Id, _clock, NullLogger<NodeReaper>.Instance);
        Hold(_self);
    }

    public void Dispose() => _reaper.Dispose();

    private NodeRecord Hold(NodeRecord record)
    {
        _cluster.Merge(RecordCodec.ToBytes(record));
        return record;
    }

    private NodeHealth Health(NodeRecord record) => NodeHealthJudge.Judge(_cluster.Find(record.Id)!, _clock);

    [Fact]
    public void OfflineOrLeft_LongerThanTheReapTime_IsForgotten_OnceAndLocally()
    {
        var silent = Hold(RecordSamples.Record(id: Guid.NewGuid(), name: "silent", sequence: 40));
        var left = Hold(RecordSamples.Record(id: Guid.NewGuid(), name: "left") with { Left = true });
        var busy = Hold(RecordSamples.Record(id: Guid.NewGuid(), name: "busy"));

        _clock.Advance(TimeSpan.FromSeconds(59));
        Hold(busy = busy with { Sequence = busy.Sequence + 1 });
        Hold(_self with { Sequence = _self.Sequence + 1 });
        Assert.Equal(0, _reaper.Tick());
        Assert.Equal(NodeHealth.Offline, Health(silent));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, _reaper.Tick());
        Assert.Equal(0, _reaper.Tick());

        Assert.Equal((NodeHealth.Forgotten, NodeHealth.Forgotten), (Health(silent), Health(left)));
        Assert.Equal((40L, true), (_cluster.Find(silent.Id)!.Header.Sequence, _cluster.Find(silent.Id)!.Header.Forgotten));
        Assert.Equal((NodeHealth.Fresh, NodeHealth.Fresh), (Health(busy), Health(_self)));
        Assert.Empty(_node.Sent); // relayed by the next rounds only, never sent to every peer
    }

    [Fact]
    public void SelfIsNeverReaped_NorANodeThatAnsweredAProbeWithinTheReapTime()
    {
        var quiet = Hold(RecordSamples.Record(id: Guid.NewGuid(), name: "quiet"));
        _clock.Advance(TimeSpan.FromSeconds(50));
        _cluster.MarkAlive(quiet.Id, _clock.GetTimestamp());

        _clock.Advance(TimeSpan.FromSeconds(50));
        Assert.Equal(0, _reaper.Tick());
        Assert.Equal(NodeHealth.Offline, Health(quiet));
        Assert.Equal(NodeHealth.Offline, Health(_self)); // no heartbeat in this test: offline for 100 s, yet never reaped

        _clock.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(1, _reaper.Tick());
        Assert.Equal((NodeHealth.Forgotten, NodeHealth.Offline), (Health(quiet), Health(_self)));
    }

    [Fact]
    public void ReapedNode_ComesBack_WithItsNextSequence()
    {
        var sleeper = Hold(RecordSamples.Record(id: Guid.NewGuid(), name: "laptop", sequence: 7));
        _clock.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, _reaper.Tick());

        Assert.Equal(MergeOutcome.Ignored, _cluster.Merge(RecordCodec.ToBytes(sleeper)));
        Assert.Equal(MergeOutcome.Updated, _cluster.Merge(RecordCodec.ToBytes(sleeper with { Sequence = 8 })));
        Assert.Equal(NodeHealth.Fresh, Health(sleeper));
    }
}
