using Psstd.Contracts;
using static Psstd.Agent.Terminal.TerminalFormat;

namespace Psstd.Agent.Terminal;

/// <summary>One node as a grid cell: name and freshness, per-core strip, memory bar, load and version.</summary>
internal static class NodeCell
{
    /// <summary>Wide enough for a name, "updated 59s ago" and a 16-core strip with gaps.</summary>
    public const int Width = 40;

    /// <summary>A 128-core host still fits in four strip lines; beyond that cores are grouped.</summary>
    private const int MaxStripLines = 4;

    public static List<List<(string Text, TerminalStyle Style)>> Lines(NodeSnapshot node, string selfVersion)
    {
        ArgumentNullException.ThrowIfNull(node);
        var state = StateStyle(node.Health);
        var m = node.Metrics;
        var freshness = Freshness(node);
        var nameWidth = Width - 3 - freshness.Length;
        List<List<(string, TerminalStyle)>> lines =
        [
            [("● ", state), (Fit(node.Name + (node.IsSelf ? " *" : ""), nameWidth), TerminalStyle.Title), (" ", TerminalStyle.Plain), (freshness, state)],
            [("cpu ", TerminalStyle.Dim), (Fit($"{Number(m.CpuBusyPercent, "0")}%", 5), LoadStyle(m.CpuBusyPercent)),
                ($"max {Number(MaxCore(m), "0")}% · {m.LogicalCores} cores", TerminalStyle.Dim)],
        ];
        lines.AddRange(Strip(m.CoreBusyPercent));
        var memory = MemoryPercent(m);
        lines.Add([("mem ", TerminalStyle.Dim), (Bar(memory, 14), LoadStyle(memory)), ($" {UsedOfTotal(m.MemoryUsedBytes, m.MemoryTotalBytes)}", TerminalStyle.Plain)]);
        List<(string, TerminalStyle)> last = [("load ", TerminalStyle.Dim), ($"{Number(m.Load1, "0.00")} {Number(m.Load5, "0.00")} {Number(m.Load15, "0.00")}", TerminalStyle.Plain)];
        last.AddRange(Version(node, selfVersion));
        lines.Add(last);
        return lines;
    }

    /// <summary>" v0.1.0", or " v0.2.0 ≠ v0.1.0" when the node runs another version than this agent.</summary>
    public static IEnumerable<(string Text, TerminalStyle Style)> Version(NodeSnapshot node, string selfVersion)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.AgentVersion == selfVersion || selfVersion.Length == 0
            ? [($"  v{node.AgentVersion}", TerminalStyle.Dim)]
            : [($"  v{node.AgentVersion} ≠ v{selfVersion}", TerminalStyle.Mismatch)];
    }

    /// <summary>
    /// Per-core strip lines under the cpu line: with a gap between cores while they fit one line, dense
    /// (one character each) above that, wrapped over up to four lines.
    /// </summary>
    private static IEnumerable<List<(string, TerminalStyle)>> Strip(IReadOnlyList<double> cores)
    {
        const int Indent = 4;
        var room = Width - Indent;
        if (cores.Count == 0)
        {
            yield break;
        }

        if (cores.Count * 2 <= room)
        {
            yield return [(new string(' ', Indent), TerminalStyle.Plain), (string.Join(' ', cores.Select(c => Block(c))), TerminalStyle.Plain)];
            yield break;
        }

        var strip = CoreStrip(cores, room * MaxStripLines);
        for (var start = 0; start < strip.Length; start += room)
        {
            yield return [(new string(' ', Indent), TerminalStyle.Plain), (strip.Substring(start, Math.Min(room, strip.Length - start)), TerminalStyle.Plain)];
        }
    }
}
