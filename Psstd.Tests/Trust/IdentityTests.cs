using System.Net;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;

using Psstd.Tests.Support;

namespace Psstd.Tests.Trust;

/// <summary>Issue rows 1 and 2: a node always owns its identity; no record takes it away or erases it for good.</summary>
public sealed class IdentityTests
{
    private static readonly IPEndPoint Stranger = new(IPAddress.Parse("203.0.113.66"), 7947);

    private static TrustNetwork Converged(int nodes = 5)
    {
        var network = new TrustNetwork(nodes);
        network.Rounds(25);
        Assert.All(network.Nodes, observer => Assert.All(network.Nodes, other => Assert.Equal(NodeHealth.Fresh, observer.ViewOf(other))));
        return network;
    }

    private static byte[] Forged(GossipNode victim, long generation, long sequence, string address, bool forgotten = false) =>
        RecordCodec.ToBytes(victim.Record with
        {
            Generation = generation,
            Sequence = sequence,
            GossipAddress = address,
            DashboardUrl = "http://evil.example/",
            Forgotten = forgotten,
        });

    private static void AssertShownAsItself(TrustNetwork network, GossipNode victim)
    {
        foreach (var observer in network.Nodes.Where(n => n != victim))
        {
            var (health, record) = (observer.ViewOf(victim), observer.RecordOf(victim));
            Assert.Equal(NodeHealth.Fresh, health);
            Assert.Equal(victim.Address.ToString(), record.GossipAddress);
            Assert.Equal(victim.Record.DashboardUrl, record.DashboardUrl);
        }
    }

    [Fact]
    public void Record_WithAGenerationNoNodeReaches_IsRefusedAsRead_AndChangesNothing()
    {
        var network = Converged();
        var victim = network.Nodes[3];
        var forged = RecordCodec.ToBytes(victim.Record with { Generation = 1L << 62, GossipAddress = Stranger.ToString() });

        Assert.All(network.Nodes.Where(n => n != victim), observer =>
            Assert.Equal(DecodeOutcome.Malformed, network.InjectRecords(Stranger, observer, forged)));

        AssertShownAsItself(network, victim);
    }

    [Fact]
    public void FarJump_NamingTheNodesOwnAddress_IsAskedOfTheNode_WhoseOwnRecordIsKept()
    {
        var network = Converged();
        var victim = network.Nodes[3];
        var observers = network.Nodes.Where(n => n != victim).ToList();
        var forged = Forged(victim, victim.Record.Generation + 1000, 1, victim.Address.ToString());

        foreach (var observer in observers)
        {
            network.InjectRecords(Stranger, observer, forged);
        }

        AssertShownAsItself(network, victim);
        Assert.All(observers, o => Assert.Equal(1, o.Counters.ClaimsRefuted));
    }

    [Fact]
    public void SmallStep_NamingTheStrangersAddress_IsOutrankedByTheNode_WithinTwoSeconds()
    {
        var network = Converged();
        var victim = network.Nodes[3];
        var generation = victim.Record.Generation;
        var forged = Forged(victim, generation + 1, 1, Stranger.ToString());

        foreach (var observer in network.Nodes.Where(n => n != victim))
        {
            network.InjectRecords(Stranger, observer, forged); // an ordinary step: taken, and relayed
        }

        Assert.Equal(Stranger.ToString(), network.Nodes[0].RecordOf(victim).GossipAddress);
        network.Rounds(10); // 2 s: the claim reaches the node, which outranks it at its next record
        AssertShownAsItself(network, victim);
        Assert.True(victim.Record.Generation > generation + 1);
    }

    [Fact]
    public void ForgedTombstone_OfARunningNode_IsAskedOfIt_AndNeverBuriesIt()
    {
        var network = Converged();
        var victim = network.Nodes[3];
        var tombstone = Forged(victim, victim.Record.Generation, long.MaxValue, victim.Address.ToString(), forgotten: true);

        foreach (var observer in network.Nodes.Where(n => n != victim))
        {
            network.InjectRecords(Stranger, observer, tombstone);
        }

        network.Rounds(5);
        AssertShownAsItself(network, victim);
    }

    [Fact]
    public void ForgedTombstone_WithTheLargestNumbers_IsRefusedAsRead()
    {
        var network = Converged();
        var victim = network.Nodes[3];
        var tombstone = Forged(victim, long.MaxValue, long.MaxValue, victim.Address.ToString(), forgotten: true);

        Assert.Equal(DecodeOutcome.Malformed, network.InjectRecords(Stranger, network.Nodes[0], tombstone));

        AssertShownAsItself(network, victim);
    }
}
