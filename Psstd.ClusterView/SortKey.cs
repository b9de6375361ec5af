using Psstd.Contracts;

namespace Psstd.ClusterView;

/// <summary>
/// What a view of the cluster can be ordered by: the dashboard's sort control and query value, and the
/// terminal view's <c>--sort</c>, under the same lower-case names.
/// </summary>
public enum SortKey
{
    Name,
    Cpu,
    CpuMax,
    Mem,
    MemUsed,
    MemTotal,
    Load1,
    Load5,
    Load15,
    Age,
}

/// <summary>The number each <see cref="SortKey"/> orders by, one definition for every view.</summary>
public static class SortKeys
{
    /// <summary>The measure of <paramref name="node"/> under <paramref name="key"/>; unreadable values and <see cref="SortKey.Name"/> count as 0.</summary>
    public static double Measure(NodeSnapshot node, SortKey key)
    {
        ArgumentNullException.ThrowIfNull(node);
        var m = node.Metrics;
        var value = key switch
        {
            SortKey.Cpu => m.CpuBusyPercent,
            SortKey.CpuMax => m.CoreBusyPercent is { Count: > 0 } cores ? cores.Max() : m.CpuBusyPercent,
            SortKey.Mem => m.MemoryTotalBytes > 0 ? 100.0 * m.MemoryUsedBytes / m.MemoryTotalBytes : 0,
            SortKey.MemUsed => m.MemoryUsedBytes,
            SortKey.MemTotal => m.MemoryTotalBytes,
            SortKey.Load1 => m.Load1,
            SortKey.Load5 => m.Load5,
            SortKey.Load15 => m.Load15,
            SortKey.Age => node.AgeSeconds,
            _ => 0,
        };
        return double.IsFinite(value) ? value : 0;
    }
}
