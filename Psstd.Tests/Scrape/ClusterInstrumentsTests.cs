using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;
using Psstd.Contracts;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Scrape;
using Psstd.Tests.Dashboard;

namespace Psstd.Tests.Scrape;

/// <summary>The cluster over OTLP: the same figures as <c>/metrics</c>, fresh nodes only, and nothing once the snapshot is old.</summary>
public sealed class ClusterInstrumentsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly FakeTimeProvider _clock = new();

    private IMeterFactory Factory => _services.GetRequiredService<IMeterFactory>();

    private static ClusterSnapshot Cluster(bool split = true)
    {
        var a = TestSnapshots.Node("node-a", isSelf: true, cores: 2);
        return TestSnapshots.Snapshot(
            split ? a with { Metrics = a.Metrics with { CpuShares = new CpuShares(30, 10, 5, 1), MemoryCacheBytes = 3L << 30 } } : a,
            TestSnapshots.Node("node-b", NodeHealth.Offline, cores: 2));
    }

    private IReadOnlyList<CollectedMeasurement<double>> Collect(string prometheusName)
    {
        using var collector = new MetricCollector<double>(Factory, ClusterInstruments.MeterName, NodeSeries.OtlpName(prometheusName));
        collector.RecordObservableInstruments();
        return collector.GetMeasurementSnapshot();
    }

    [Fact]
    public void EveryFigureOfMetrics_IsAnInstrument_ForFreshNodesOnly()
    {
        var instruments = new ClusterInstruments(Factory, _clock);
        var snapshot = Cluster();
        instruments.Show(snapshot);
        var a = snapshot.Nodes.Single(n => n.Name == "node-a");

        foreach (var series in NodeSeries.PerNode)
        {
            var measured = Assert.Single(Collect(series.Name));
            Assert.Equal("node-a", measured.Tags["node"]);
            Assert.Equal(a.Id.ToString("D"), measured.Tags["node_id"]);
            Assert.Equal(NodeSeries.Finite(series.Read(a.Metrics)!.Value), measured.Value);
        }

        Assert.Equal(a.Metrics.CpuBusyPercent / 100, Assert.Single(Collect(NodeSeries.Cpu)).Value, 6);
        Assert.Equal(["0", "1"], Collect(NodeSeries.Core).Select(m => (string)m.Tags["core"]!).Order());
    }

    [Fact]
    public void CpuSplitAndCache_AreRatiosAndBytes_AndAbsentForANodeThatDoesNotReportThem()
    {
        var instruments = new ClusterInstruments(Factory, _clock);
        instruments.Show(Cluster());

        Assert.Equal(0.3, Assert.Single(Collect("psstd_node_cpu_user_ratio")).Value, 6);
        Assert.Equal(0.05, Assert.Single(Collect("psstd_node_cpu_iowait_ratio")).Value, 6);
        Assert.Equal(3L << 30, Assert.Single(Collect("psstd_node_memory_cache_bytes")).Value);

        instruments.Show(Cluster(split: false));
        Assert.Empty(Collect("psstd_node_cpu_user_ratio"));
        Assert.Empty(Collect("psstd_node_memory_cache_bytes"));
        Assert.Single(Collect("psstd_node_memory_used_bytes"));
    }

    [Fact]
    public void Health_IsMeasuredForEveryNode()
    {
        var instruments = new ClusterInstruments(Factory, _clock);
        instruments.Show(Cluster());

        var health = Collect(NodeSeries.Health).ToDictionary(m => (string)m.Tags["node"]!, m => (string)m.Tags["state"]!);

        Assert.Equal(new Dictionary<string, string> { ["node-a"] = "fresh", ["node-b"] = "offline" }, health);
    }

    [Fact]
    public void AnOldSnapshot_ExportsNothing_RatherThanOldValues()
    {
        var instruments = new ClusterInstruments(Factory, _clock);
        instruments.Show(Cluster());
        _clock.Advance(instruments.MaxAge + TimeSpan.FromSeconds(1));

        Assert.Empty(Collect(NodeSeries.Health));
        Assert.Empty(Collect(NodeSeries.Cpu));
    }

    [Theory]
    [InlineData(null, null, false)]
    [InlineData("http://127.0.0.1:4317", null, true)]
    [InlineData("http://127.0.0.1:4317", "off", false)]
    [InlineData(null, "on", false)]
    public void ClusterGaugesGoOverOtlp_WhenAnEndpointIsSet_UnlessTurnedOff(string? endpoint, string? flag, bool expected)
    {
        var env = new Dictionary<string, string>();
        if (endpoint is not null)
        {
            env["OTEL_EXPORTER_OTLP_ENDPOINT"] = endpoint;
        }

        if (flag is not null)
        {
            env[DashboardSettings.OtlpClusterVariable] = flag;
        }

        Assert.Equal(expected, DashboardSettings.FromEnvironment(env, "host-a").OtlpCluster);
    }

    public void Dispose() => _services.Dispose();
}
