using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Telemetry;
using Psstd.Gossip.Wire;
using Psstd.Tests.Gossip;

namespace Psstd.Tests.Telemetry;

public sealed class GossipMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();

    private IMeterFactory Factory => _services.GetRequiredService<IMeterFactory>();

    public void Dispose() => _services.Dispose();

    [Fact]
    public void PacketsReceived_ReportsTheCountsByOutcome_ThatHealthReads()
    {
        var metrics = new GossipMetrics(Factory);
        metrics.PacketIn(DecodeOutcome.Accepted, 100);
        metrics.PacketIn(DecodeOutcome.OtherCluster, 40);
        metrics.PacketIn(DecodeOutcome.OtherCluster, 40);

        var byOutcome = Observe("psstd.gossip.packets.received", "outcome");

        Assert.Equal(metrics.PacketsIn(DecodeOutcome.Accepted), byOutcome["Accepted"]);
        Assert.Equal(2, byOutcome["OtherCluster"]);
        Assert.Equal(0, byOutcome["CannotOpen"]);
        Assert.Equal(metrics.BytesIn, Observe("psstd.gossip.bytes.received")[""]);
        Assert.Contains("OtherCluster 2", metrics.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void SentAndRefused_ReportTheSameNumbersAsTheCounts()
    {
        var metrics = new GossipMetrics(Factory);
        metrics.PacketOut(300);
        metrics.PacketOut(200);
        metrics.ReplyRefused();
        metrics.StreamDropped(StreamDrop.TimedOut);

        Assert.Equal(2, Observe("psstd.gossip.packets.sent")[""]);
        Assert.Equal(500, Observe("psstd.gossip.bytes.sent")[""]);
        Assert.Equal(1, Observe("psstd.gossip.replies.refused")[""]);
        Assert.Equal(1, Observe("psstd.gossip.streams.dropped", "reason")["TimedOut"]);
    }

    [Fact]
    public void Nodes_CountsEachHealthState_AsTheClusterJudgesItNow()
    {
        var cluster = new ClusterState(TimeProvider.System);
        cluster.Merge(RecordCodec.ToBytes(RecordSamples.Record(id: Guid.NewGuid(), name: "fresh")));
        cluster.Restore(RecordCodec.ToBytes(RecordSamples.Record(id: Guid.NewGuid(), name: "old")), TimeSpan.FromHours(1));
        cluster.Merge(RecordCodec.ToBytes(RecordSamples.Record(id: Guid.NewGuid(), name: "gone") with { Left = true }));
        _ = new GossipMetrics(Factory, cluster);

        var byState = Observe("psstd.gossip.nodes", "state");

        Assert.Equal(1, byState["fresh"]);
        Assert.Equal(1, byState["offline"]);
        Assert.Equal(1, byState["left"]);
        Assert.Equal(0, byState["suspect"]);
    }

    [Fact]
    public void WithoutAMeterFactory_CountsStillWork()
    {
        var metrics = new GossipMetrics();
        metrics.PacketIn(DecodeOutcome.Malformed, 3);
        metrics.RoundLate(TimeSpan.FromSeconds(1));

        Assert.Equal(1, metrics.Dropped);
    }

    /// <summary>The instrument's latest observation, by the value of <paramref name="tag"/> ("" when untagged).</summary>
    private Dictionary<string, long> Observe(string instrument, string? tag = null)
    {
        using var collector = new MetricCollector<long>(Factory, GossipMetrics.MeterName, instrument);
        collector.RecordObservableInstruments();
        return collector.GetMeasurementSnapshot()
            .ToDictionary(m => tag is null ? "" : (string)m.Tags[tag]!, m => m.Value);
    }
}
