using Psstd.Contracts;

namespace Psstd.Agent.Terminal;

/// <summary>Orders nodes by a sort key, as the dashboard does: measures largest first, names A to Z, ties by name.</summary>
public static class NodeOrder
{
    public static IReadOnlyList<NodeSnapshot> Sort(IEnumerable<NodeSnapshot> nodes, TerminalSort key)
    {
        var byName = nodes.OrderBy(n => n.Name, StringComparer.Ordinal).ThenBy(n => n.Id);
        return key == TerminalSort.Name
            ? [.. byName]
            : [.. nodes.OrderByDescending(n => Measure(n, key)).ThenBy(n => n.Name, StringComparer.Ordinal).ThenBy(n => n.Id)];
    }

    public static double Measure(NodeSnapshot node, TerminalSort key)
    {
        ArgumentNullException.ThrowIfNull(node);
        var m = node.Metrics;
        return key switch
        {
            TerminalSort.Cpu => m.CpuBusyPercent,
            TerminalSort.CpuMax => TerminalFormat.MaxCore(m),
            TerminalSort.Mem => TerminalFormat.MemoryPercent(m),
            TerminalSort.MemUsed => m.MemoryUsedBytes,
            TerminalSort.MemTotal => m.MemoryTotalBytes,
            TerminalSort.Load1 => m.Load1,
            TerminalSort.Load5 => m.Load5,
            TerminalSort.Load15 => m.Load15,
            TerminalSort.Age => node.AgeSeconds,
            _ => 0,
        };
    }
}
