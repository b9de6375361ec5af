using System.Net;
using Microsoft.Extensions.Time.Testing;
using Psstd.Agent.Forgetting;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;
using Psstd.Tests.Gossip;
using Psstd.Tests.Support;

namespace Psstd.Tests.Forgetting;

public sealed class NodeForgetterTests
{
    private readonly FakeTimeProvider _clock = new();
    private readonly ClusterState _cluster;
    private readonly GossipNode _node;
    private readonly NodeForgetter _forgetter;
    private readonly NodeRecord _self = RecordSamples.Record(id: Guid.NewGuid(), name: "self") with { GossipAddress = "192.0.2.1:7947" };

    public NodeForgetterTests()
    {
        // Alone on the network: the peers below live at addresses nobody answers at, and every packet is kept.
        _node = new GossipNetwork(_clock).Add(IPEndPoint.Parse(_self.GossipAddress), new GossipOptions { Cluster = "test" }, _self, new Random(1));
        _cluster = _node.Cluster;
        _forgetter = new NodeForgetter(_cluster, _node.Engine, _self.Id);
        Hold(_self);
    }

    private IEnumerable<IPEndPoint> Targets => _node.Sent.Select(p => p.Target);

    private NodeRecord Hold(NodeRecord record)
    {
        _cluster.Merge(RecordCodec.ToBytes(record));
        return record;
    }

    private NodeRecord Peer(string name, int address, long generation = 1) =>
        Hold(RecordSamples.Record(id: Guid.NewGuid(), name: name, generation: generation) with { GossipAddress = $"192.0.2.{address}:7947" });

    private NodeHealth Health(NodeRecord record) => NodeHealthJudge.Judge(_cluster.Find(record.Id)!, _clock);

    [Fact]
    public void ByName_BuriesTheCurrentGeneration_AndTellsEveryLivePeerAndTheNodeItselfAtOnce()
    {
        var gone = Peer("gone", 2, generation: 4);
        Peer("b", 3);
        Peer("c", 4);

        var result = _forgetter.Forget("gone");

        Assert.Equal(ForgetOutcome.Forgotten, result.Outcome);
        Assert.Contains("gone", result.Message, StringComparison.Ordinal);
        Assert.Equal(NodeHealth.Forgotten, Health(gone));
        var held = _cluster.Find(gone.Id)!.Header;
        Assert.Equal((4L, Tombstone.ForeverSequence), (held.Generation, held.Sequence));
        Assert.Equal([IPEndPoint.Parse("192.0.2.2:7947"), IPEndPoint.Parse("192.0.2.3:7947"), IPEndPoint.Parse("192.0.2.4:7947")], Targets.Distinct().OrderBy(t => t.ToString(), StringComparer.Ordinal));
    }

    [Fact]
    public void ById_Works_AndRepeating_SendsItAgain()
    {
        var gone = Peer("gone", 2);
        Peer("b", 3);

        Assert.Equal(ForgetOutcome.Forgotten, _forgetter.Forget(gone.Id.ToString()).Outcome);
        var sent = Targets.Count();
        Assert.Equal(ForgetOutcome.Forgotten, _forgetter.Forget(gone.Id.ToString("N")).Outcome);

        Assert.Equal(NodeHealth.Forgotten, Health(gone));
        Assert.Equal(sent * 2, Targets.Count());
    }

    [Fact]
    public void UnknownNode_IsNotFound_AndChangesNothing()
    {
        Peer("b", 3);

        Assert.Equal(ForgetOutcome.NotFound, _forgetter.Forget("nobody").Outcome);
        Assert.Equal(ForgetOutcome.NotFound, _forgetter.Forget(Guid.NewGuid().ToString()).Outcome);
        Assert.Equal(ForgetOutcome.NotFound, _forgetter.Forget("B").Outcome); // names are exact
        Assert.All(_cluster.Entries(), e => Assert.False(e.Header.Forgotten));
        Assert.Empty(_node.Sent);
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
        var old = Peer("rebuilt", 2);
        Assert.Equal(ForgetOutcome.Forgotten, _forgetter.Forget(old.Id.ToString()).Outcome);
        var successor = Peer("rebuilt", 2);

        Assert.Equal(ForgetOutcome.Forgotten, _forgetter.Forget("rebuilt").Outcome);

        Assert.Equal(NodeHealth.Forgotten, Health(successor));
    }
}
