using System.Net;
using Psstd.Gossip.Wire;
using Psstd.Tests.Support;

namespace Psstd.Tests.Gossip;

/// <summary>
/// Answers larger than the question go only to addresses that proved they receive there: a request with a
/// forged source (possible in a cluster without a key) must not make a node send more than it got to that
/// source; at most one small ping asks the source to prove itself.
/// </summary>
public sealed partial class GossipEngineTests
{
    /// <summary>An address no node of the test cluster lives at: where a forged packet claims to come from.</summary>
    private static readonly IPEndPoint Victim = new(IPAddress.Parse("203.0.113.7"), 7947);

    /// <summary>Three nodes that know one another (each is a live member to the others).</summary>
    private static List<GossipNode> Acquainted()
    {
        var nodes = Nodes(3);
        nodes[1].Engine.SetSeeds([nodes[0].Address]);
        nodes[2].Engine.SetSeeds([nodes[0].Address]);
        Rounds(nodes, 3);
        Assert.All(nodes, n => Assert.Equal(3, n.Cluster.Count));
        return nodes;
    }

    private static byte[] Packet(MessageKind kind, ReadOnlySpan<byte> payload)
    {
        var packet = new byte[PacketCodec.MaxDatagramBytes];
        return packet[..PacketCodec.Write("test", null, kind, payload, packet)];
    }

    /// <summary>A summary of nobody: "send me everything", the largest answer a datagram can ask for.</summary>
    private static byte[] EmptySummaryPacket()
    {
        var payload = new byte[PacketCodec.MaxDatagramBytes];
        return Packet(MessageKind.SyncSummary, payload.AsSpan(0, SyncMessages.WriteSummary("", new SyncSummary(), payload)));
    }

    private static byte[] PingRequestPacket(Guid target, IPEndPoint address)
    {
        var payload = new byte[PacketCodec.MaxDatagramBytes];
        var w = new SpanWriter(payload);
        w.VarLong(7);
        w.Bytes(target.ToByteArray());
        w.ShortString(address.ToString());
        return Packet(MessageKind.PingRequest, payload.AsSpan(0, w.Position));
    }

    [Fact]
    public void ForgedSummaryOfNobody_FromANonMember_GetsNoStreamNoRecords_AndIsCounted_WhileAMembersIsAnswered()
    {
        var nodes = Acquainted();
        var asked = nodes[1];
        var (bytesBefore, streamsBefore, refusedBefore) = (asked.Counters.BytesOut, asked.Counters.StreamsOut, asked.Counters.RepliesRefused);
        var request = EmptySummaryPacket();

        var forged = asked.Engine.Receive(request, Victim);

        Assert.Equal(DecodeOutcome.Accepted, forged);
        Assert.Equal(streamsBefore, asked.Counters.StreamsOut);
        Assert.InRange(asked.Counters.BytesOut - bytesBefore, 1, request.Length); // one small ping, not the state
        Assert.Equal(refusedBefore + 1, asked.Counters.RepliesRefused);

        var fromMember = asked.Engine.Receive(EmptySummaryPacket(), nodes[2].Address);
        asked.Network.Deliver(); // the member answers the ping that asks it to prove its address

        Assert.Equal(DecodeOutcome.Accepted, fromMember);
        Assert.Equal(streamsBefore + 1, asked.Counters.StreamsOut); // it answered the ping: the whole state, over a stream
    }

    [Fact]
    public void ForgedSyncPull_FromANonMember_SendsNoRecords()
    {
        var nodes = Acquainted();
        var asked = nodes[1];
        var payload = new byte[PacketCodec.MaxDatagramBytes];
        var pull = Packet(MessageKind.SyncPull, payload.AsSpan(0, SyncMessages.WritePull("", [.. nodes.Select(n => n.Record.Id)], payload)));
        var (bytesBefore, refusedBefore) = (asked.Counters.BytesOut, asked.Counters.RepliesRefused);

        Assert.Equal(DecodeOutcome.Accepted, asked.Engine.Receive(pull, Victim));
        Assert.InRange(asked.Counters.BytesOut - bytesBefore, 1, pull.Length);
        Assert.Equal(refusedBefore + 1, asked.Counters.RepliesRefused);

        asked.Engine.Receive(pull, nodes[0].Address); // a member not validated yet: asked to prove its address, and it does
        var before = asked.Counters.PacketsOut;
        Assert.Equal(DecodeOutcome.Accepted, asked.Engine.Receive(pull, nodes[0].Address));
        Assert.Equal(before + 1, asked.Counters.PacketsOut); // the three records, in one datagram
    }

    [Fact]
    public void ForgedPingRequest_NamingANonMember_SendsNoPing_AndNeitherDoesOneFromANonMember()
    {
        var nodes = Acquainted();
        var helper = nodes[1];
        var (before, refusedBefore) = (helper.Counters.PacketsOut, helper.Counters.RepliesRefused);

        Assert.Equal(DecodeOutcome.Accepted, helper.Engine.Receive(PingRequestPacket(Guid.NewGuid(), Victim), nodes[0].Address));
        Assert.Equal(DecodeOutcome.Accepted, helper.Engine.Receive(PingRequestPacket(nodes[2].Record.Id, nodes[2].Address), Victim));

        Assert.Equal(before, helper.Counters.PacketsOut);
        Assert.Equal(refusedBefore + 2, helper.Counters.RepliesRefused);

        // Between members the indirect probe still works: one ping to the target, and its ack passed back.
        var toAsker = helper.SentTo(nodes[0].Address);
        helper.Engine.Receive(PingRequestPacket(nodes[2].Record.Id, nodes[2].Address), nodes[0].Address);
        helper.Network.Deliver();
        Assert.Equal(before + 2, helper.Counters.PacketsOut);
        Assert.Equal(toAsker + 1, helper.SentTo(nodes[0].Address));
    }

    [Fact]
    public void ForgedSuspicionOfTheNodeItself_FromANonMember_SendsNothing()
    {
        var nodes = Acquainted();
        var doubted = nodes[1];
        var held = nodes[0].Cluster.Find(doubted.Record.Id)!.Header;
        var (bytesBefore, refusedBefore) = (doubted.Counters.BytesOut, doubted.Counters.RepliesRefused);
        var suspicion = SuspicionPacket((held.Id, held.Generation, held.Sequence));

        var outcome = doubted.Engine.Receive(suspicion, Victim);

        Assert.Equal(DecodeOutcome.Accepted, outcome);
        Assert.InRange(doubted.Counters.BytesOut - bytesBefore, 0, suspicion.Length); // never its record; no check either, for so small a request
        Assert.Equal(refusedBefore + 1, doubted.Counters.RepliesRefused);
    }

    [Fact]
    public void NewNode_WaitsForItsOwnRecord_ThenItsFirstSummaryIsAnswered_BecauseItsRecordGoesFirst()
    {
        var nodes = Nodes(2);
        var (seed, fresh) = (nodes[0], nodes[1]);
        fresh.Engine.SetSeeds([seed.Address]);
        seed.Publish();
        seed.Tick();

        fresh.Tick(); // no record of its own yet: no summary, nothing for the seed to refuse

        Assert.Equal(0, fresh.Counters.SyncRounds);
        fresh.Publish();
        fresh.Tick();

        Assert.Equal(1, fresh.Counters.SyncRounds);
        Assert.Equal(1, seed.Counters.RepliesRefused); // held back while the new node proved its address (one round trip)
        Assert.Equal(1, seed.Counters.StreamsOut); // then answered: a summary of one node (itself), the whole state over a stream
    }
}
