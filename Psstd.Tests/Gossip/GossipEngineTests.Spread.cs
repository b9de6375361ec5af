using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;

namespace Psstd.Tests.Gossip;

public sealed partial class GossipEngineTests
{
    [Fact]
    public void ARoundsNews_SpreadOverSeveralDatagrams_GoesToDifferentPeersPerDatagram()
    {
        // Fanout 1: every record goes to exactly one peer. Forty records fill several datagrams, and each
        // datagram draws its own peer, so a receiver takes a share of the round, not the whole of it.
        var options = new GossipOptions { Cluster = "test", Fanout = 1, OriginFanout = 1, AntiEntropyEvery = Timeout.InfiniteTimeSpan, ProbeAfterIntervals = 1000 };
        var nodes = Nodes(31, options);
        var sender = nodes[0];
        nodes.Skip(1).ToList().ForEach(n => sender.Cluster.Merge(RecordCodec.ToBytes(n.Record)));
        var news = Enumerable.Range(0, 40)
            .Select(i => RecordCodec.ToBytes(RecordSamples.Record(id: new Guid(i, 7, 7, [0, 0, 0, 0, 0, 0, 0, 7]), name: $"far-{i}") with { GossipAddress = "" })) // no address: never a target themselves
            .ToList();
        var payload = new byte[PacketCodec.MaxDatagramBytes - PacketCodec.Overhead("test", null)];
        var packet = new byte[PacketCodec.MaxDatagramBytes];
        var datagrams = 0;
        for (var next = 0; next < news.Count; datagrams++)
        {
            var length = RecordBatch.Pack(news, ref next, payload);
            Assert.Equal(DecodeOutcome.Accepted, sender.Engine.Receive(packet.AsSpan(0, PacketCodec.Write("test", null, MessageKind.Records, payload.AsSpan(0, length), packet)), nodes[1].Address));
        }

        sender.Tick();

        var holders = nodes.Skip(1).Select(n => news.Count(r => n.Cluster.Find(RecordCodec.Read(r)!.Id) is not null)).ToList();
        Assert.True(datagrams >= 4, $"the news took {datagrams} datagrams");
        Assert.Equal(news.Count, holders.Sum()); // each record to exactly one peer
        Assert.InRange(holders.Count(h => h > 0), 2, datagrams);
    }
}
