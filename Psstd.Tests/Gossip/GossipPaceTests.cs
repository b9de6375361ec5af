using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Psstd.Agent.Configuration;
using Psstd.Agent.Heartbeat;
using Psstd.Agent.Identity;
using Psstd.Agent.LocalApi;
using Psstd.Agent.Metrics;
using Psstd.Agent.Registration;
using Psstd.Agent.Snapshots;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Engine;
using Psstd.Gossip.Wire;
using Psstd.Configuration;

namespace Psstd.Tests.Gossip;

/// <summary>Past the bandwidth budget, every node publishes every few intervals and its record says so.</summary>
public sealed class GossipPaceTests
{
    private const int Budget = 256 * 1024;

    [Theory]
    [InlineData(3, 131, 1)]
    [InlineData(1000, 131, 1)] // the 1,000-node cluster keeps 1 s sampling
    [InlineData(1050, 131, 1)] // the relay alone needs 99.7 % of the budget: still every interval
    [InlineData(1060, 131, 2)] // just past it, the relay is sized to three quarters of the budget
    [InlineData(1500, 131, 2)]
    [InlineData(2000, 131, 3)]
    [InlineData(10_000, 131, 13)]
    [InlineData(1000, 300, 3)] // 128-core records are larger
    public void Stride_IsOne_WhileEveryRecordFitsTheBudget_ThenLeavesAQuarterOfItForRepairs(int nodes, int recordBytes, int stride) =>
        Assert.Equal(stride, GossipPace.Stride(nodes, recordBytes, TimeSpan.FromSeconds(1), Budget));

    [Theory]
    [InlineData(1000, 1000, 1)]
    [InlineData(10_000, 1000, 10)]
    [InlineData(3000, 1500, 2)]
    [InlineData(500, 1000, 1)] // never below one interval
    public void StrideOf_ADeclaredInterval_IsItsMultipleOfTheConfiguredOne(int declaredMs, int configuredMs, int stride) =>
        Assert.Equal(stride, GossipPace.StrideOf(TimeSpan.FromMilliseconds(declaredMs), TimeSpan.FromMilliseconds(configuredMs)));

    [Fact]
    public void Stride_ShrinksWithALargerBudget_OrALongerInterval()
    {
        Assert.Equal(7, GossipPace.Stride(10_000, 131, TimeSpan.FromSeconds(1), 2 * Budget));
        Assert.Equal(7, GossipPace.Stride(10_000, 131, TimeSpan.FromSeconds(2), Budget));
    }

    [Fact]
    public void Heartbeat_InALargeCluster_PublishesEveryStride_WithIntervalAndTtlStretched()
    {
        var (_, settings, cluster, identity, local, heartbeat) = LargeCluster(1500);

        var sequences = new List<long>();
        for (var tick = 0; tick < 8; tick++)
        {
            heartbeat.Tick();
            sequences.Add(cluster.Find(identity.Id)?.Header.Sequence ?? 0);
        }

        var stride = GossipPace.Stride(1501, RecordCodec.ToBytes(local.Current).Length, settings.Interval, settings.GossipBandwidth);
        Assert.Equal(2, stride);
        // The first tick publishes at once, declaring one interval (its own size was not known yet). The
        // second keeps that promise and declares two; from then on every second tick publishes.
        Assert.Equal([1, 2, 2, 3, 3, 4, 4, 5], sequences);
        var own = cluster.Find(identity.Id)!;
        Assert.Equal(settings.Interval * 2, own.Header.Interval);
        Assert.Equal(settings.Ttl * 2, own.Header.Ttl);
    }

    [Fact]
    public void Snapshot_AfterAPacedPublish_CarriesTheStride_AndEachRecordsInterval()
    {
        var (clock, settings, cluster, identity, local, heartbeat) = LargeCluster(1500);

        for (var tick = 0; tick < 3; tick++)
        {
            heartbeat.Tick(); // the first publishes at once (its size unknown yet), the third is the first paced one
            clock.Advance(settings.Interval);
        }

        var snapshot = ClusterSnapshotFactory.Create(settings.Cluster, local.Current, local.PublishStride, cluster.Entries(), clock.GetElapsedTime);

        Assert.Equal(2, snapshot.PublishStride);
        Assert.Equal(2 * settings.Interval.TotalSeconds, snapshot.Nodes.Single(n => n.Id == identity.Id).IntervalSeconds);
        Assert.All(snapshot.Nodes.Where(n => n.Id != identity.Id), n => Assert.Equal(1.0, n.IntervalSeconds)); // the peers' records declare 1 s
    }

    /// <summary>An agent's heartbeat among <paramref name="peers"/> peers whose 1 s records are already held.</summary>
    private static (FakeTimeProvider Clock, AgentSettings Settings, ClusterState Cluster, NodeIdentity Identity, LocalNode Local, HeartbeatService Heartbeat) LargeCluster(int peers)
    {
        var clock = new FakeTimeProvider();
        var settings = AgentSettings.FromEnvironment(new Dictionary<string, string> { ["PSSTD_DB"] = "/nonexistent-psstd-test" }, "host-a");
        var cluster = new ClusterState(clock);
        for (var i = 0; i < peers; i++)
        {
            cluster.Merge(RecordCodec.ToBytes(RecordSamples.Record(id: Guid.NewGuid(), name: $"peer-{i}")));
        }

        var identity = new NodeIdentity(Guid.NewGuid(), 1);
        var local = new LocalNode(settings, identity, new DashboardRegistry(settings, clock));
        var heartbeat = new HeartbeatService(settings, new SampleProbe(), local, cluster, clock, NullLogger<HeartbeatService>.Instance);
        return (clock, settings, cluster, identity, local, heartbeat);
    }

    [Theory]
    [InlineData("512KiB", 512 * 1024)]
    [InlineData("1M", 1024 * 1024)]
    [InlineData("64kb", 64 * 1024)]
    public void Bandwidth_IsReadInBinaryUnits(string value, int bytes) =>
        Assert.Equal(bytes, Read(("PSSTD_GOSSIP_BANDWIDTH", value)).GossipBandwidth);

    [Fact]
    public void Bandwidth_DefaultsTo256KiB() => Assert.Equal(Budget, Read().GossipBandwidth);

    [Theory]
    [InlineData("8KiB")]
    [InlineData("2GiB")]
    [InlineData("fast")]
    public void Bandwidth_BadValue_StopsWithOneLine_NamingTheRule(string value)
    {
        var ex = Assert.Throws<StartupConfigurationException>(() => Read(("PSSTD_GOSSIP_BANDWIDTH", value)));

        Assert.Equal("PSSTD_GOSSIP_BANDWIDTH", Assert.Single(ex.Errors).Variable);
        Assert.Contains("from 16KiB to 1GiB", ex.Message, StringComparison.Ordinal);
    }

    private static AgentSettings Read(params (string Key, string Value)[] values) =>
        AgentSettings.FromEnvironment(values.ToDictionary(v => v.Key, v => v.Value), "host-a");

    private sealed class SampleProbe : IMetricsProbe
    {
        public IReadOnlyList<string> Unavailable => [];

        public NodeMetrics Sample() => RecordSamples.Metrics(8); // an 8-core host, as in the simulator
    }
}
