using System.Net;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;
using Psstd.Tests.Support;
using Psstd.Gossip.Telemetry;

namespace Psstd.Tests.Gossip;

/// <summary>Pull: how a viewer that publishes nothing learns the cluster, that it stays invisible, and that only a viewer on the agent's host (or a member) is answered.</summary>
public sealed class GossipPullTests
{
    private sealed class Wire(Func<IPEndPoint, GossipEngine?> route, IPEndPoint self) : IGossipTransport
    {
        public int Sent { get; private set; }

        public void Send(IPEndPoint target, ReadOnlySpan<byte> packet)
        {
            Sent++;
            route(target)?.Receive(packet, self);
        }
    }

    [Fact]
    public void Pull_IsAnsweredWithEveryHeldRecord_AndTheViewerNeverAppearsAnywhere()
    {
        var clock = new ManualTimeProvider();
        var options = new GossipOptions { Cluster = "test" };
        var peerAddress = new IPEndPoint(IPAddress.Parse("192.0.2.1"), 7947);
        var viewerAddress = new IPEndPoint(IPAddress.Parse("192.0.2.1"), 40000); // beside the agent: the IP it advertises
        GossipEngine? peer = null;
        GossipEngine? viewer = null;
        var peerCluster = new ClusterState(clock);
        var viewerCluster = new ClusterState(clock);
        var peerWire = new Wire(t => t.Equals(viewerAddress) ? viewer : null, peerAddress);
        var viewerWire = new Wire(t => t.Equals(peerAddress) ? peer : null, viewerAddress);
        var self = RecordSamples.Record(id: Guid.NewGuid(), name: "peer") with { GossipAddress = peerAddress.ToString() };
        peer = new GossipEngine(options, self.Id, peerCluster, peerWire, new GossipMetrics(), clock, new Random(1));
        viewer = new GossipEngine(options, Guid.NewGuid(), viewerCluster, viewerWire, new GossipMetrics(), clock, new Random(2));
        peerCluster.Merge(RecordCodec.ToBytes(self));
        foreach (var name in new[] { "a", "b" })
        {
            peerCluster.Merge(RecordCodec.ToBytes(RecordSamples.Record(id: Guid.NewGuid(), name: name)));
        }

        viewer.RequestPull(peerAddress);

        Assert.Equal(1, viewerWire.Sent);
        Assert.Equal(["a", "b", "peer"], viewerCluster.Entries().Select(e => e.Decode().Name).Order(StringComparer.Ordinal));
        Assert.Equal(3, peerCluster.Count);
        peer.Tick();
        Assert.Equal(3, peerCluster.Count);
    }

    [Fact]
    public void PullAnswers_StayWithinTheBudget_AndRepeatedPullsCoverTheWholeCluster()
    {
        var clock = new ManualTimeProvider();
        var options = new GossipOptions { Cluster = "test", BandwidthBytesPerSecond = 2400 };
        var peerAddress = new IPEndPoint(IPAddress.Parse("192.0.2.1"), 7947);
        var viewerAddress = new IPEndPoint(IPAddress.Loopback, 40000); // the peer has no record of its own: loopback is this host
        GossipEngine? peer = null;
        GossipEngine? viewer = null;
        var peerCluster = new ClusterState(clock);
        var viewerCluster = new ClusterState(clock);
        var peerWire = new Wire(t => t.Equals(viewerAddress) ? viewer : null, peerAddress);
        var viewerWire = new Wire(t => t.Equals(peerAddress) ? peer : null, viewerAddress);
        peer = new GossipEngine(options, Guid.NewGuid(), peerCluster, peerWire, new GossipMetrics(), clock, new Random(1));
        viewer = new GossipEngine(options, Guid.NewGuid(), viewerCluster, viewerWire, new GossipMetrics(), clock, new Random(2));
        for (var i = 0; i < 60; i++)
        {
            peerCluster.Merge(RecordCodec.ToBytes(RecordSamples.Record(id: Guid.NewGuid(), name: $"n{i}")));
        }

        viewer.RequestPull(peerAddress);
        var afterOne = viewerCluster.Count;
        var pulls = 1;
        while (viewerCluster.Count < 60 && pulls < 200)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            viewer.RequestPull(peerAddress);
            pulls++;
        }

        Assert.InRange(afterOne, 1, 59); // one answer is cut short by the budget
        Assert.True(peerWire.Sent <= pulls * 2, $"{peerWire.Sent} datagrams for {pulls} pulls");
        Assert.Equal(60, viewerCluster.Count);
    }

    [Theory]
    [InlineData("192.0.2.9", false)] // another host, no member there: a forged source
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("192.0.2.1", true)] // the IP the agent advertises for gossip
    public void Pull_IsAnsweredOnlyFromThisHost_OrAMember(string source, bool answered)
    {
        var clock = new ManualTimeProvider();
        var options = new GossipOptions { Cluster = "test" };
        var peerAddress = new IPEndPoint(IPAddress.Parse("192.0.2.1"), 7947);
        var viewerAddress = new IPEndPoint(IPAddress.Parse(source), 40000);
        GossipEngine? viewer = null;
        var peerCluster = new ClusterState(clock);
        var viewerCluster = new ClusterState(clock);
        var peerWire = new Wire(t => t.Equals(viewerAddress) ? viewer : null, peerAddress);
        var counters = new GossipMetrics();
        var self = RecordSamples.Record(id: Guid.NewGuid(), name: "peer") with { GossipAddress = peerAddress.ToString() };
        var peer = new GossipEngine(options, self.Id, peerCluster, peerWire, counters, clock, new Random(1));
        var viewerWire = new Wire(t => t.Equals(peerAddress) ? peer : null, viewerAddress);
        viewer = new GossipEngine(options, Guid.NewGuid(), viewerCluster, viewerWire, new GossipMetrics(), clock, new Random(2));
        peerCluster.Merge(RecordCodec.ToBytes(self));
        peerCluster.Merge(RecordCodec.ToBytes(RecordSamples.Record(id: Guid.NewGuid(), name: "a")));

        viewer.RequestPull(peerAddress);

        // Refused: nothing goes out (an empty pull is smaller than the ping that would ask the source to prove itself).
        Assert.Equal(answered ? 1 : 0, peerWire.Sent);
        Assert.Equal(answered ? 2 : 0, viewerCluster.Count);
        Assert.Equal(answered ? 0 : 1, counters.RepliesRefused);
    }
}
