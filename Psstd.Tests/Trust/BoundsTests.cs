using System.Net;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;
using Psstd.Tests.Gossip;

using Psstd.Tests.Support;

namespace Psstd.Tests.Trust;

/// <summary>Issue rows 3 and 5: forged nodes cannot grow state without bound, nor turn a node's answers on a third party.</summary>
public sealed class BoundsTests
{
    private static readonly IPEndPoint Stranger = new(IPAddress.Parse("203.0.113.66"), 7947);

    [Fact]
    public void FloodOfForgedNodes_StopsAtTheCap_AndEveryRefusalIsCounted()
    {
        var network = new TrustNetwork(2, maxNodes: 100);
        network.Rounds(10);
        var target = network.Nodes[1];

        for (var i = 0; i < 2_000; i += 5)
        {
            var batch = Enumerable.Range(i, 5).Select(n => RecordCodec.ToBytes(RecordSamples.Record(id: Guid.NewGuid(), name: $"fake-{n}") with { GossipAddress = $"198.51.100.{n % 250}:7947" })).ToArray();
            network.InjectRecords(Stranger, target, batch);
        }

        Assert.Equal(100, target.Cluster.Count);
        Assert.Equal(2_000 - 98, target.Counters.RecordsRefused);
        Assert.NotNull(target.Cluster.Find(network.Nodes[0].Record.Id)); // the real peer was held before the flood and stays
    }

    [Fact]
    public void RecordClaimingAWeekLongTtl_IsJudgedOfflineWithinFourTimesTheNodesOwn()
    {
        var network = new TrustNetwork(1);
        network.Rounds(5);
        var node = network.Nodes[0];
        var forged = RecordSamples.Record(id: Guid.NewGuid(), name: "forever") with { Ttl = TimeSpan.FromDays(7), Interval = TimeSpan.FromDays(1), GossipAddress = "198.51.100.1:7947" };

        network.InjectRecords(Stranger, node, RecordCodec.ToBytes(forged));
        network.Rounds(5 * 61); // 61 s: past 4 x 15 s

        var entry = node.Cluster.Find(forged.Id)!;
        Assert.Equal(NodeHealth.Offline, NodeHealthJudge.Judge(entry, network.Clock));
        Assert.Equal(TimeSpan.FromSeconds(60), entry.Header.Ttl);
    }

    [Fact]
    public void ForgedMember_AskingForSyncOnItsOwnBehalf_GetsNoMoreThanItSent()
    {
        // Row 5: one datagram makes 127.0.0.2:9999 a "member"; then requests "from" it ask for the whole state.
        var network = new TrustNetwork(3);
        network.Rounds(25);
        var target = network.Nodes[1];
        var victim = new IPEndPoint(IPAddress.Parse("127.0.0.2"), 9999);
        network.InjectRecords(Stranger, target, RecordCodec.ToBytes(RecordSamples.Record(id: Guid.NewGuid(), name: "reflector") with { GossipAddress = victim.ToString() }));

        long sent = 0;
        var payload = new byte[PacketCodec.MaxDatagramBytes];
        for (var i = 0; i < 100; i++)
        {
            var summary = SyncMessages.WriteSummary("", new SyncSummary(), payload);
            network.Inject(victim, target, MessageKind.SyncSummary, payload.AsSpan(0, summary));
            var digest = SyncMessages.WriteDigest("", ulong.MaxValue, [], payload);
            network.Inject(victim, target, MessageKind.SyncDigest, payload.AsSpan(0, digest));
            sent += summary + digest;
        }

        Assert.True(network.BytesTo(victim) <= sent, $"{network.BytesTo(victim)} bytes reflected for {sent} sent");
        Assert.True(target.Counters.RepliesRefused >= 100);
    }
}
