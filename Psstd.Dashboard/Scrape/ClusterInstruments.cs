using Psstd.Dashboard.Formatting;
using System.Diagnostics.Metrics;
using System.Globalization;
using Psstd.Contracts;

namespace Psstd.Dashboard.Scrape;

/// <summary>
/// The whole cluster as OpenTelemetry gauges (meter <see cref="MeterName"/>), the same figures as
/// <c>/metrics</c> from <see cref="NodeSeries"/>, tagged <c>node</c> and <c>node_id</c> (and <c>core</c>, <c>state</c>).
/// They read the last snapshot <see cref="Show"/> was given: figures for fresh nodes only, health for all, and
/// nothing at all once that snapshot is older than <see cref="MaxAge"/>, so an export never passes old values
/// off as current.
/// </summary>
public sealed class ClusterInstruments
{
    public const string MeterName = "Psstd.Cluster";

    private readonly TimeProvider _time;
    private volatile Shown? _shown;

    public ClusterInstruments(IMeterFactory meters, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge(NodeSeries.OtlpName(NodeSeries.Health), HealthMeasurements, description: NodeSeries.HealthHelp);
        meter.CreateObservableGauge(NodeSeries.OtlpName(NodeSeries.Cpu), () => Fresh(m => NodeSeries.Ratio(m.CpuBusyPercent)), description: NodeSeries.CpuHelp);
        meter.CreateObservableGauge(NodeSeries.OtlpName(NodeSeries.Core), CoreMeasurements, description: NodeSeries.CoreHelp);
        foreach (var series in NodeSeries.PerNode)
        {
            meter.CreateObservableGauge(NodeSeries.OtlpName(series.Name), () => Fresh(series.Read), description: series.Help);
        }
    }

    /// <summary>How old a snapshot may be and still be exported.</summary>
    public TimeSpan MaxAge { get; init; } = TimeSpan.FromSeconds(30);

    public void Show(ClusterSnapshot snapshot) =>
        _shown = new Shown(snapshot ?? throw new ArgumentNullException(nameof(snapshot)), _time.GetTimestamp());

    private IReadOnlyList<NodeSnapshot> Current() =>
        _shown is { } shown && _time.GetElapsedTime(shown.At) <= MaxAge ? shown.Snapshot.Nodes : [];

    private IEnumerable<Measurement<double>> HealthMeasurements() =>
        Current().Select(n => new Measurement<double>(1, Tags(n, ("state", HealthNames.Of(n.Health)))));

    /// <summary>The fresh nodes' values; a node that does not report the figure (null) has no measurement.</summary>
    private IEnumerable<Measurement<double>> Fresh(Func<NodeMetrics, double?> read) =>
        Current().Where(n => n.Health == NodeHealth.Fresh)
            .Select(n => (Node: n, Value: read(n.Metrics)))
            .Where(p => p.Value is not null)
            .Select(p => new Measurement<double>(NodeSeries.Finite(p.Value!.Value), Tags(p.Node)));

    private IEnumerable<Measurement<double>> CoreMeasurements() =>
        Current().Where(n => n.Health == NodeHealth.Fresh).SelectMany(n => n.Metrics.CoreBusyPercent.Select((busy, core) =>
            new Measurement<double>(NodeSeries.Ratio(busy), Tags(n, ("core", core.ToString(CultureInfo.InvariantCulture))))));

    private static KeyValuePair<string, object?>[] Tags(NodeSnapshot node, (string Key, string Value)? extra = null)
    {
        KeyValuePair<string, object?>[] tags = extra is { } e
            ? [new("node", node.Name), new("node_id", node.Id.ToString("D")), new(e.Key, e.Value)]
            : [new("node", node.Name), new("node_id", node.Id.ToString("D"))];
        return tags;
    }

    private sealed record Shown(ClusterSnapshot Snapshot, long At);
}
