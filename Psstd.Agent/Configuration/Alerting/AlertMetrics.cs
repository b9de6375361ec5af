using Psstd.Contracts;

namespace Psstd.Agent.Configuration.Alerting;

/// <summary>The rules file's name of each metric, its unit, and how it is read from a node's sample.</summary>
internal static class AlertMetrics
{
    private static readonly (string Name, AlertMetric Metric)[] Names =
    [
        ("cpu", AlertMetric.Cpu),
        ("cpu_busiest_core", AlertMetric.CpuBusiestCore),
        ("memory", AlertMetric.Memory),
        ("swap", AlertMetric.Swap),
        ("root_fs", AlertMetric.RootFs),
        ("load1_per_core", AlertMetric.Load1PerCore),
        ("net_rx", AlertMetric.NetRx),
        ("net_tx", AlertMetric.NetTx),
        ("disk_read", AlertMetric.DiskRead),
        ("disk_write", AlertMetric.DiskWrite),
        ("health", AlertMetric.Health),
    ];

    /// <summary>Every name the rules file accepts, for error messages.</summary>
    public static string Known { get; } = string.Join(", ", Names.Select(n => n.Name));

    public static AlertMetric? TryParse(string name)
    {
        foreach (var (known, metric) in Names)
        {
            if (string.Equals(known, name, StringComparison.Ordinal))
            {
                return metric;
            }
        }

        return null;
    }

    public static string Name(AlertMetric metric) => Names[(int)metric].Name;

    public static AlertUnit Unit(AlertMetric metric) => metric switch
    {
        AlertMetric.Cpu or AlertMetric.CpuBusiestCore or AlertMetric.Memory or AlertMetric.Swap or AlertMetric.RootFs => AlertUnit.Percent,
        AlertMetric.Load1PerCore => AlertUnit.LoadPerCore,
        AlertMetric.Health => AlertUnit.Health,
        _ => AlertUnit.BytesPerSecond,
    };

    /// <summary>
    /// The metric's value in its unit. A total the platform cannot read (0) gives 0 %, as the sample says;
    /// a node reporting no cores counts as one, so load per core is never a division by zero.
    /// </summary>
    public static double Read(AlertMetric metric, NodeMetrics m) => metric switch
    {
        AlertMetric.Cpu => m.CpuBusyPercent,
        AlertMetric.CpuBusiestCore => Busiest(m),
        AlertMetric.Memory => Percent(m.MemoryUsedBytes, m.MemoryTotalBytes),
        AlertMetric.Swap => Percent(m.SwapUsedBytes, m.SwapTotalBytes),
        AlertMetric.RootFs => Percent(m.RootFsUsedBytes, m.RootFsTotalBytes),
        AlertMetric.Load1PerCore => m.Load1 / Math.Max(1, m.LogicalCores),
        AlertMetric.NetRx => m.NetRxBytesPerSecond,
        AlertMetric.NetTx => m.NetTxBytesPerSecond,
        AlertMetric.DiskRead => m.DiskReadBytesPerSecond,
        AlertMetric.DiskWrite => m.DiskWriteBytesPerSecond,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "health is not a number"),
    };

    private static double Percent(long used, long total) => total <= 0 ? 0 : 100.0 * used / total;

    /// <summary>The busiest core's busy %; the whole machine's when the node lists no cores.</summary>
    private static double Busiest(NodeMetrics m)
    {
        if (m.CoreBusyPercent.Count == 0)
        {
            return m.CpuBusyPercent;
        }

        var max = double.NegativeInfinity;
        foreach (var core in m.CoreBusyPercent)
        {
            // NaN from a hostile record propagates, so the value is not judged (see AlertEvaluator).
            max = double.IsNaN(core) ? core : Math.Max(max, core);
            if (double.IsNaN(max))
            {
                break;
            }
        }

        return max;
    }
}
