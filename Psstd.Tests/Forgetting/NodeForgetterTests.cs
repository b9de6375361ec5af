using System.Net;
using Psstd.Agent.Forgetting;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;
using Psstd.Tests.Gossip;
using Psstd.Tests.Support;
using Psstd.Gossip.Telemetry;

namespace Psstd.Tests.Forgetting;

public sealed class NodeForgetterTests
{
    private readonly ManualTimeProvider _clock = new();
    private readonly ClusterState _cluster;
    private readonly RecordingTransport _transport = new();
    private readonly NodeForgetter _forgetter;
    private readonly NodeRecord _self = RecordSamples.Record(id: Guid.NewGuid(), name: "self") with { GossipAddress = "192.0.2.1:7947" };

    public NodeForgetterTests()
    {
        _cluster = new ClusterState(_clock);
        var engine = new GossipEngine(new GossipOptions { Cluster = "test" }, _self.Id, _cluster, _transport, new GossipMetrics(), _clock, new Random(1));
        _forgetter = new NodeForgetter(_cluster, engine, _self.Id);
        Hold(_self);
    }

    private NodeRecord Hold(NodeRecord record)
    {
        _cluster.Merge(RecordCodec.ToBytes(record));
        return record;
    }

    private NodeRecord Peer(string name, int address, long generation = 1) =>
        Hold(RecordSamples.Record(id: Guid.NewGuid(), name: name, generation: generation) with { GossipAddress = $"192.0.2.{address}:7947" });

    /// <summary>A peer that stopped: its last record was heard an hour ago, so it is judged offline.</summary>
    private NodeRecord Stopped(string name, int address, long generation = 1)
    {
        var record = RecordSamples.Record(id: Guid.NewGuid(), name: name, generation: generation) with { GossipAddress = $"192.0.2.{address}:7947" };
        Assert.NotNull(_cluster.Restore(RecordCodec.ToBytes(record), TimeSpan.FromHours(1)));
        return record;
    }

    private NodeHealth Health(NodeRecord record) => NodeHealthJudge.Judge(_cluster.Find(record.Id)!, _clock);

    [Fact]
    public void ByName_BuriesTheCurrentGeneration_AndTellsEveryLivePeerAtOnce()
    {
        var gone = Stopped("gone", 2, generation: 4);
        Peer("b", 3);
        Peer("c", 4);

        var result = _forgetter.Forget("gone");

        Assert.Equal(ForgetOutcome.Forgotten, result.Outcome);
        Assert.Contains("gone", result.Message, StringComparison.Ordinal);
        Assert.Equal(NodeHealth.Forgotten, Health(gone));
        var held = _cluster.Find(gone.Id)!.Header;
        Assert.Equal((4L, Tombstone.ForeverSequence), (held.Generation, held.Sequence));
        Assert.Equal([IPEndPoint.Parse("192.0.2.3:7947"), IPEndPoint.Parse("192.0.2.4:7947")], _transport.Targets.Distinct().OrderBy(t => t.ToString(), StringComparer.Ordinal));
    }

    [Fact]
    public void ById_Works_AndRepeating_SendsItAgain()
    {
        var gone = Stopped("gone", 2);
        Peer("b", 3);

        Assert.Equal(ForgetOutcome.Forgotten, _forgetter.Forget(gone.Id.ToString()).Outcome);
        var sent = _transport.Targets.Count;
        Assert.Equal(ForgetOutcome.Forgotten, _forgetter.Forget(gone.Id.ToString("N")).Outcome);

        Assert.Equal(NodeHealth.Forgotten, Health(gone));
        Assert.Equal(sent * 2, _transport.Targets.Count);
    }

    [Fact]
    public void UnknownNode_IsNotFound_AndChangesNothing()
    {
        Peer("b", 3);

        Assert.Equal(ForgetOutcome.NotFound, _forgetter.Forget("nobody").Outcome);
        Assert.Equal(ForgetOutcome.NotFound, _forgetter.Forget(Guid.NewGuid().ToString()).Outcome);
        Assert.Equal(ForgetOutcome.NotFound, _forgetter.Forget("B").Outcome); // names are exact
        Assert.All(_cluster.Entries(), e => Assert.False(e.Header.Forgotten));
        Assert.Empty(_transport.Targets);
    }

    [Fact]
    public void ThisNodeItself_IsRefused_ByNameAndById()
    {
        var byName = _forgetter.Forget("self");
        var byId = _forgetter.Forget(_self.Id.ToString());

        Assert.Equal((ForgetOutcome.Self, ForgetOutcome.Self), (byName.Outcome, byId.Outcome));
        Assert.Contains("cannot forget itself", byName.Message, StringComparison.Ordinal);
        Assert.Equal(NodeHealth.Fresh, Health(_self));
    }

    [Fact]
    public void NameOfSeveralNodes_IsAmbiguous_AndListsTheirIds()
    {
        var first = Peer("twin", 2);
        var second = Peer("twin", 3);

        var result = _forgetter.Forget("twin");

        Assert.Equal(ForgetOutcome.Ambiguous, result.Outcome);
        Assert.Contains(first.Id.ToString(), result.Message, StringComparison.Ordinal);
        Assert.Contains(second.Id.ToString(), result.Message, StringComparison.Ordinal);
        Assert.Equal((NodeHealth.Fresh, NodeHealth.Fresh), (Health(first), Health(second)));
    }

    [Fact]
    public void NameOfANodeForgottenBefore_AndItsSuccessorUnderANewId_ForgetsTheSuccessor()
    {
        var old = Stopped("rebuilt", 2);
        Assert.Equal(ForgetOutcome.Forgotten, _forgetter.Forget(old.Id.ToString()).Outcome);
        var successor = Stopped("rebuilt", 2);

        Assert.Equal(ForgetOutcome.Forgotten, _forgetter.Forget("rebuilt").Outcome);

        Assert.Equal(NodeHealth.Forgotten, Health(successor));
    }
}
