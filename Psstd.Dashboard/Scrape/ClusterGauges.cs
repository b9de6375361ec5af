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
    private readonly (Gauge Gauge, Func<NodeMetrics, double> Read)[] _perNode;

    public ClusterGauges()
    {
        // psstd's own registry: none of prometheus-net's default process and runtime collectors.
        Registry = Metrics.NewCustomRegistry();
        var factory = Metrics.WithCustomRegistry(Registry);
        Gauge Make(string name, string help, params string[] extra) =>
            factory.CreateGauge(name, help, new GaugeConfiguration { LabelNames = [.. NodeLabels, .. extra] });

        _health = Make("psstd_node_health", "1 for the node's state as this node's agent judges it (fresh, stale, suspect, offline, left, forgotten)", "state");
        _cpu = Make("psstd_node_cpu_busy_ratio", "Share of all cores busy over the last sample interval (0 to 1)");
        _core = Make("psstd_node_core_busy_ratio", "Share of one logical core busy over the last sample interval (0 to 1)", "core");
        _perNode =
        [
            (Make("psstd_node_memory_total_bytes", "Physical memory"), m => m.MemoryTotalBytes),
            (Make("psstd_node_memory_used_bytes", "Memory in use"), m => m.MemoryUsedBytes),
            (Make("psstd_node_memory_available_bytes", "Memory that can be handed out without paging"), m => m.MemoryAvailableBytes),
            (Make("psstd_node_swap_total_bytes", "Swap space"), m => m.SwapTotalBytes),
            (Make("psstd_node_swap_used_bytes", "Swap in use"), m => m.SwapUsedBytes),
            (Make("psstd_node_load1", "Load average over 1 minute"), m => m.Load1),
            (Make("psstd_node_load5", "Load average over 5 minutes"), m => m.Load5),
            (Make("psstd_node_load15", "Load average over 15 minutes"), m => m.Load15),
            (Make("psstd_node_disk_read_bytes_per_second", "Disk read rate over the last sample interval"), m => m.DiskReadBytesPerSecond),
            (Make("psstd_node_disk_written_bytes_per_second", "Disk write rate over the last sample interval"), m => m.DiskWriteBytesPerSecond),
            (Make("psstd_node_network_receive_bytes_per_second", "Network receive rate, every interface but loopback"), m => m.NetRxBytesPerSecond),
            (Make("psstd_node_network_transmit_bytes_per_second", "Network transmit rate, every interface but loopback"), m => m.NetTxBytesPerSecond),
            (Make("psstd_node_rootfs_size_bytes", "Size of the root file system"), m => m.RootFsTotalBytes),
            (Make("psstd_node_rootfs_used_bytes", "Space used on the root file system"), m => m.RootFsUsedBytes),
            (Make("psstd_node_uptime_seconds", "Seconds since the node's OS started"), m => m.UptimeSeconds),
            (Make("psstd_node_processes", "Number of processes"), m => m.ProcessCount),
        ];
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
            _health.WithLabels(node.Name, id, node.Health.ToString().ToLowerInvariant()).Set(1);
            if (node.Health != NodeHealth.Fresh)
            {
                continue;
            }

            var metrics = node.Metrics;
            _cpu.WithLabels(node.Name, id).Set(Ratio(metrics.CpuBusyPercent));
            for (var core = 0; core < metrics.CoreBusyPercent.Count; core++)
            {
                _core.WithLabels(node.Name, id, core.ToString(CultureInfo.InvariantCulture)).Set(Ratio(metrics.CoreBusyPercent[core]));
            }

            foreach (var (gauge, read) in _perNode)
            {
                var value = read(metrics);
                gauge.WithLabels(node.Name, id).Set(double.IsFinite(value) ? value : 0);
            }
        }
    }

    private static double Ratio(double percent) => double.IsFinite(percent) ? Math.Clamp(percent, 0, 100) / 100 : 0;
}
