using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Psstd.Agent.Discovery;
using Psstd.Agent.Discovery.Dns;

namespace Psstd.Tests.Telemetry;

public sealed class DiscoveryMetricsTests
{
    [Fact]
    public void Dropped_ReportsEachReason_AsTheHealthLineCountsIt()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        var metrics = new DiscoveryMetrics(factory);
        metrics.OtherCluster();
        metrics.Malformed(DnsDecodeError.BadPointer);
        metrics.Malformed(DnsDecodeError.BadPointer);
        metrics.PacketIn();

        using var dropped = new MetricCollector<long>(factory, DiscoveryMetrics.MeterName, "psstd.discovery.packets.dropped");
        dropped.RecordObservableInstruments();
        var byReason = dropped.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags["reason"]!, m => m.Value);

        Assert.Equal(1, byReason["other_cluster"]);
        Assert.Equal(2, byReason["malformed_BadPointer"]);
        Assert.Equal(0, byReason["cache_full"]);
        Assert.Contains("other cluster 1", metrics.Describe(), StringComparison.Ordinal);
        Assert.Contains("malformed BadPointer 2", metrics.Describe(), StringComparison.Ordinal);
    }
}
