using Psstd.Dashboard.Formatting;
using System.Globalization;
using Prometheus;
using Psstd.Contracts;

namespace Psstd.Dashboard.Scrape;

/// <summary>
/// The whole cluster as Prometheus gauges, one series per node and metric (and core), labelled by node name and
/// id. Values are published for fresh nodes only, so a scrape never shows a node that stopped reporting as if its
/// last figures were current; every node, fresh or not, has its health. prometheus-net formats the exposition.
/// </summary>
public sealed class ClusterGauges
{
    private static readonly string[] NodeLabels = ["node", "node_id"];

    private readonly Gauge _health;
    private readonly Gauge _cpu;
    private readonly Gauge _core;
    private readonly (Gauge Gauge, Func<NodeMetrics, double?> Read)[] _perNode;

    public ClusterGauges()
    {
        // psstd's own registry: none of prometheus-net's default process and runtime collectors.
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        Gauge Make(string name, string help, params string[] extra) =>
            factory.CreateGauge(name, help, new GaugeConfiguration { LabelNames = [.. NodeLabels, .. extra] });

        _health = Make(NodeSeries.Health, NodeSeries.HealthHelp, "state");
        _cpu = Make(NodeSeries.Cpu, NodeSeries.CpuHelp);
        _core = Make(NodeSeries.Core, NodeSeries.CoreHelp, "core");
        _perNode = [.. NodeSeries.PerNode.Select(series => (Make(series.Name, series.Help), series.Read))];
    }

    public CollectorRegistry Registry { get; }

    /// <summary>Replaces every series with what <paramref name="snapshot"/> says: nodes gone or no longer fresh lose theirs.</summary>
    public void Show(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        foreach (var gauge in _perNode.Select(p => p.Gauge).Append(_health).Append(_cpu).Append(_core))
        {
            foreach (var labels in gauge.GetAllLabelValues().ToList())
            {
                gauge.WithLabels(labels).Remove();
            }
        }

        foreach (var node in snapshot.Nodes)
        {
            var id = node.Id.ToString("D", CultureInfo.InvariantCulture);
            _health.WithLabels(node.Name, id, HealthNames.Of(node.Health)).Set(1);
            if (node.Health != NodeHealth.Fresh)
            {
                continue;
            }

            var metrics = node.Metrics;
            _cpu.WithLabels(node.Name, id).Set(NodeSeries.Ratio(metrics.CpuBusyPercent));
            for (var core = 0; core < metrics.CoreBusyPercent.Count; core++)
            {
                _core.WithLabels(node.Name, id, core.ToString(CultureInfo.InvariantCulture)).Set(NodeSeries.Ratio(metrics.CoreBusyPercent[core]));
            }

            foreach (var (gauge, read) in _perNode)
            {
                if (read(metrics) is { } value)
                {
                    gauge.WithLabels(node.Name, id).Set(NodeSeries.Finite(value));
                }
            }
        }
    }
}
