using System.Net;
using Microsoft.Extensions.Time.Testing;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;
using Psstd.Tests.Support;

namespace Psstd.Tests.Gossip;

/// <summary>Pull: how a viewer that publishes nothing learns the cluster, that it stays invisible, and that only a viewer on the agent's host (or a member) is answered.</summary>
public sealed class GossipPullTests
{
    private static readonly IPEndPoint PeerAddress = GossipNetwork.AddressOf(0);

    /// <summary>A peer at <see cref="PeerAddress"/> and a viewer at <paramref name="viewerAddress"/>; the peer holds its own record when it has <paramref name="self"/>.</summary>
    private static (GossipNode Peer, GossipNode Viewer) PeerAndViewer(IPEndPoint viewerAddress, GossipOptions options, bool self = true)
    {
        var network = new GossipNetwork(new FakeTimeProvider());
        var peer = network.Add(PeerAddress, options, RecordSamples.Record(id: Guid.NewGuid(), name: "peer") with { GossipAddress = PeerAddress.ToString() }, new Random(1));
        var viewer = network.Add(viewerAddress, options, RecordSamples.Record(id: Guid.NewGuid(), name: "viewer"), new Random(2));
        if (self)
        {
            peer.Publish();
        }

        return (peer, viewer);
    }

    /// <summary>Asks for a pull and lets the answer arrive.</summary>
    private static void Pull(GossipNode viewer)
    {
        viewer.Engine.RequestPull(PeerAddress);
        viewer.Network.Deliver();
    }

    /// <summary>Datagrams only, as a socket would count them.</summary>
    private static int Datagrams(GossipNode node) => node.Sent.Count(p => !p.Stream);

    [Fact]
    public void Pull_IsAnsweredWithEveryHeldRecord_AndTheViewerNeverAppearsAnywhere()
    {
        var viewerAddress = new IPEndPoint(IPAddress.Parse("192.0.2.1"), 40000); // beside the agent: the IP it advertises
        var (peer, viewer) = PeerAndViewer(viewerAddress, new GossipOptions { Cluster = "test" });
        foreach (var name in new[] { "a", "b" })
        {
            peer.Cluster.Merge(RecordCodec.ToBytes(RecordSamples.Record(id: Guid.NewGuid(), name: name)));
        }

        Pull(viewer);

        Assert.Equal(1, Datagrams(viewer));
        Assert.Equal(["a", "b", "peer"], viewer.Cluster.Entries().Select(e => e.Decode().Name).Order(StringComparer.Ordinal));
        Assert.Equal(3, peer.Cluster.Count);
        peer.Tick();
        Assert.Equal(3, peer.Cluster.Count);
    }

    [Fact]
    public void PullAnswers_StayWithinTheBudget_AndRepeatedPullsCoverTheWholeCluster()
    {
        var viewerAddress = new IPEndPoint(IPAddress.Loopback, 40000); // the peer has no record of its own: loopback is this host
        var (peer, viewer) = PeerAndViewer(viewerAddress, new GossipOptions { Cluster = "test", BandwidthBytesPerSecond = 2400 }, self: false);
        var clock = (FakeTimeProvider)peer.Network.Clock;
        for (var i = 0; i < 60; i++)
        {
            peer.Cluster.Merge(RecordCodec.ToBytes(RecordSamples.Record(id: Guid.NewGuid(), name: $"n{i}")));
        }

        Pull(viewer);
        var afterOne = viewer.Cluster.Count;
        var pulls = 1;
        while (viewer.Cluster.Count < 60 && pulls < 200)
        {
            clock.Advance(TimeSpan.FromSeconds(1));
            Pull(viewer);
            pulls++;
        }

        Assert.InRange(afterOne, 1, 59); // one answer is cut short by the budget
        Assert.True(Datagrams(peer) <= pulls * 2, $"{Datagrams(peer)} datagrams for {pulls} pulls");
        Assert.Equal(60, viewer.Cluster.Count);
    }

    [Theory]
    [InlineData("192.0.2.9", false)] // another host, no member there: a forged source
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("192.0.2.1", true)] // the IP the agent advertises for gossip
    public void Pull_IsAnsweredOnlyFromThisHost_OrAMember(string source, bool answered)
    {
        var (peer, viewer) = PeerAndViewer(new IPEndPoint(IPAddress.Parse(source), 40000), new GossipOptions { Cluster = "test" });
        peer.Cluster.Merge(RecordCodec.ToBytes(RecordSamples.Record(id: Guid.NewGuid(), name: "a")));

        Pull(viewer);

        Assert.Equal(answered ? 1 : 0, Datagrams(peer));
        Assert.Equal(answered ? 2 : 0, viewer.Cluster.Count);
        Assert.Equal(answered ? 0 : 1, peer.Counters.RepliesRefused);
    }
}
