using Psstd.Contracts;

namespace Psstd.Dashboard.Scrape;

/// <summary>
/// The per-node figures the dashboard exports, in one table for both exports (<c>/metrics</c> and OTLP) so they
/// never drift apart. Names are Prometheus names; OTLP instruments take the same with dots
/// (<see cref="OtlpName"/>), which an OpenTelemetry collector's Prometheus exporter turns back into these.
/// </summary>
public static class NodeSeries
{
    public const string Health = "psstd_node_health";
    public const string HealthHelp = "1 for the node's state as this node's agent judges it (fresh, stale, suspect, offline, left, forgotten)";
    public const string Cpu = "psstd_node_cpu_busy_ratio";
    public const string CpuHelp = "Share of all cores busy over the last sample interval (0 to 1)";
    public const string Core = "psstd_node_core_busy_ratio";
    public const string CoreHelp = "Share of one logical core busy over the last sample interval (0 to 1)";

    /// <summary>One figure per node: its name, what it means, and how to read it from a sample (null: the node does not report it, so no series).</summary>
    public sealed record Series(string Name, string Help, Func<NodeMetrics, double?> Read);

    public static IReadOnlyList<Series> PerNode { get; } =
    [
        new("psstd_node_memory_total_bytes", "Physical memory", m => m.MemoryTotalBytes),
        new("psstd_node_memory_used_bytes", "Memory in use", m => m.MemoryUsedBytes),
        new("psstd_node_memory_available_bytes", "Memory that can be handed out without paging", m => m.MemoryAvailableBytes),
        new("psstd_node_swap_total_bytes", "Swap space", m => m.SwapTotalBytes),
        new("psstd_node_swap_used_bytes", "Swap in use", m => m.SwapUsedBytes),
        new("psstd_node_load1", "Load average over 1 minute", m => m.Load1),
        new("psstd_node_load5", "Load average over 5 minutes", m => m.Load5),
        new("psstd_node_load15", "Load average over 15 minutes", m => m.Load15),
        new("psstd_node_disk_read_bytes_per_second", "Disk read rate over the last sample interval", m => m.DiskReadBytesPerSecond),
        new("psstd_node_disk_written_bytes_per_second", "Disk write rate over the last sample interval", m => m.DiskWriteBytesPerSecond),
        new("psstd_node_network_receive_bytes_per_second", "Network receive rate, every interface but loopback", m => m.NetRxBytesPerSecond),
        new("psstd_node_network_transmit_bytes_per_second", "Network transmit rate, every interface but loopback", m => m.NetTxBytesPerSecond),
        new("psstd_node_rootfs_size_bytes", "Size of the root file system", m => m.RootFsTotalBytes),
        new("psstd_node_rootfs_used_bytes", "Space used on the root file system", m => m.RootFsUsedBytes),
        new("psstd_node_uptime_seconds", "Seconds since the node's OS started", m => m.UptimeSeconds),
        new("psstd_node_processes", "Number of processes", m => m.ProcessCount),
        new("psstd_node_cpu_user_ratio", "Share of all CPU time in user and nice mode over the last sample interval (0 to 1)", m => m.CpuShares is { } s ? Ratio(s.User) : null),
        new("psstd_node_cpu_kernel_ratio", "Share of all CPU time in system, irq and softirq over the last sample interval (0 to 1)", m => m.CpuShares is { } s ? Ratio(s.Kernel) : null),
        new("psstd_node_cpu_iowait_ratio", "Share of all CPU time idle with I/O outstanding over the last sample interval (0 to 1)", m => m.CpuShares is { } s ? Ratio(s.IoWait) : null),
        new("psstd_node_cpu_steal_ratio", "Share of all CPU time a hypervisor gave elsewhere over the last sample interval (0 to 1)", m => m.CpuShares is { } s ? Ratio(s.Steal) : null),
        new("psstd_node_memory_cache_bytes", "Buffers and reclaimable page cache, less shared memory (htop's cache)", m => m.MemoryCacheBytes),
    ];

    /// <summary><c>psstd_node_load1</c> as the OTLP instrument <c>psstd.node.load1</c>.</summary>
    public static string OtlpName(string prometheusName)
    {
        ArgumentNullException.ThrowIfNull(prometheusName);
        return "psstd.node." + prometheusName["psstd_node_".Length..];
    }

    /// <summary>A percentage as a 0-1 ratio; anything not finite reads 0.</summary>
    public static double Ratio(double percent) => double.IsFinite(percent) ? Math.Clamp(percent, 0, 100) / 100 : 0;

    /// <summary>A figure as exported: anything not finite reads 0.</summary>
    public static double Finite(double value) => double.IsFinite(value) ? value : 0;
}
