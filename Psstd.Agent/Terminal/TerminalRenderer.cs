using Psstd.Contracts;
using static Psstd.Agent.Terminal.TerminalFormat;
using Psstd.ClusterView;

namespace Psstd.Agent.Terminal;

/// <summary>
/// The terminal view as a pure function of a snapshot, a width and options: the same frame for
/// <c>psstd-agent top</c>, the mirror and the viewer, on a terminal or in a log.
/// </summary>
internal static class TerminalRenderer
{
    private const int Gap = 2;

    public static TerminalFrame Render(ClusterSnapshot snapshot, int width, TerminalOptions options)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(options);
        var frame = new TerminalFrame();
        Header(frame, snapshot, options, width);
        Summary(frame, snapshot.Nodes, width);
        Alerts(frame, snapshot.Alerts ?? []);
        frame.Line();
        var nodes = NodeOrder.Sort(snapshot.Nodes, options.Sort);
        if (options.List)
        {
            foreach (var node in nodes)
            {
                frame.AddLines([ListLine(node, snapshot.AgentVersion, width)]);
            }
        }
        else
        {
            Grid(frame, nodes, snapshot.AgentVersion, width);
        }

        return frame.ClipTo(Math.Max(1, width));
    }

    private static void Header(TerminalFrame frame, ClusterSnapshot snapshot, TerminalOptions options, int width)
    {
        var items = new List<List<(string, TerminalStyle)>>
        {
            new() { ("psstd", TerminalStyle.Title), ($" · cluster {snapshot.Cluster}", TerminalStyle.Plain) },
            new() { ($"{snapshot.Nodes.Count} node{(snapshot.Nodes.Count == 1 ? "" : "s")}", TerminalStyle.Plain) },
            new() { ($"{options.Now:yyyy-MM-dd HH:mm:ss}Z", TerminalStyle.Plain) },
            new() { ($"sort {TerminalOptions.Token(options.Sort)}", TerminalStyle.Dim) },
        };
        if (TrustNotice.Text(snapshot) is { Length: > 0 } unauthenticated)
        {
            items.Add([(unauthenticated, TerminalStyle.Hot)]);
        }

        if (PaceNotice.Text(snapshot) is { Length: > 0 } paced)
        {
            items.Add([(paced, TerminalStyle.Stale)]);
        }

        if (AlertsNotice.Disagreement(snapshot) is { Length: > 0 } disagreement)
        {
            items.Add([(disagreement, TerminalStyle.Warm)]);
        }

        if (snapshot.Silences is { Count: > 0 } silences)
        {
            items.Add([($"{silences.Count} silence{(silences.Count == 1 ? "" : "s")} running", TerminalStyle.Dim)]);
        }

        if (options.Source.Length > 0)
        {
            items.Add([(options.Source, TerminalStyle.Dim)]);
        }

        if (options.Interactive)
        {
            items.Add([("q quit · r redraw", TerminalStyle.Dim)]);
        }

        AddWrapped(frame, items, width);
    }

    /// <summary>Counts per state (always the five common ones, forgotten only when there are some) and the hottest live node.</summary>
    private static void Summary(TerminalFrame frame, IReadOnlyList<NodeSnapshot> nodes, int width)
    {
        var items = new List<List<(string, TerminalStyle)>>();
        NodeHealth[] shown = [NodeHealth.Fresh, NodeHealth.Stale, NodeHealth.Suspect, NodeHealth.Offline, NodeHealth.Left, NodeHealth.Forgotten];
        foreach (var health in shown)
        {
            var count = nodes.Count(n => n.Health == health);
            if (health != NodeHealth.Forgotten || count > 0)
            {
                items.Add([($"{health.ToString().ToLowerInvariant()} {count}", count == 0 ? TerminalStyle.Dim : StateStyle(health))]);
            }
        }

        var hottest = nodes.Where(n => n.Health is NodeHealth.Fresh or NodeHealth.Stale)
            .OrderByDescending(n => n.Metrics.CpuBusyPercent).ThenBy(n => n.Name, StringComparer.Ordinal).FirstOrDefault();
        if (hottest is not null)
        {
            items.Add([("hottest ", TerminalStyle.Plain), (hottest.Name, TerminalStyle.Title),
                ($" {Number(hottest.Metrics.CpuBusyPercent, "0")}% cpu", LoadStyle(hottest.Metrics.CpuBusyPercent))]);
        }

        AddWrapped(frame, items, width);
    }

    /// <summary>The terminal lists at most this many firing alerts, one per line; a last line counts the rest.</summary>
    public const int MaxAlertLines = 5;

    /// <summary>One line per firing alert, the most severe first, as the agent ordered them.</summary>
    private static void Alerts(TerminalFrame frame, IReadOnlyList<FiringAlert> alerts)
    {
        foreach (var alert in alerts.Take(MaxAlertLines))
        {
            var style = alert.Severity switch { "critical" => TerminalStyle.Hot, "warning" => TerminalStyle.Warm, _ => TerminalStyle.Plain };
            frame.AddLines([[
                ($"ALERT {alert.Severity} ", style),
                (alert.Rule, TerminalStyle.Title),
                ($" on {alert.NodeName}: {alert.Value}", TerminalStyle.Plain),
                ($" ({alert.Condition})", TerminalStyle.Dim),
                (alert.Silenced ? " silenced" : "", TerminalStyle.Dim),
            ]]);
        }

        if (alerts.Count > MaxAlertLines)
        {
            frame.AddLines([[($"and {alerts.Count - MaxAlertLines} more alerts firing", TerminalStyle.Dim)]]);
        }
    }

    /// <summary>Items joined by " · ", starting a new line where the next one would pass the width.</summary>
    private static void AddWrapped(TerminalFrame frame, List<List<(string Text, TerminalStyle Style)>> items, int width)
    {
        frame.Line();
        var used = 0;
        foreach (var item in items)
        {
            var length = item.Sum(p => p.Text.Length);
            if (used > 0 && used + 3 + length > width)
            {
                frame.Line();
                used = 0;
            }

            if (used > 0)
            {
                frame.Add(" · ", TerminalStyle.Dim);
                used += 3;
            }

            foreach (var (text, style) in item)
            {
                frame.Add(text, style);
            }

            used += length;
        }
    }

    /// <summary>As many cells side by side as the width holds (at least one), rows padded to the tallest cell.</summary>
    private static void Grid(TerminalFrame frame, IReadOnlyList<NodeSnapshot> nodes, string selfVersion, int width)
    {
        var columns = Math.Max(1, (width + Gap) / (NodeCell.Width + Gap));
        for (var start = 0; start < nodes.Count; start += columns)
        {
            var cells = nodes.Skip(start).Take(columns).Select(n => NodeCell.Lines(n, selfVersion)).ToList();
            var height = cells.Max(c => c.Count);
            var rows = new List<List<(string, TerminalStyle)>>();
            for (var row = 0; row < height; row++)
            {
                var line = new List<(string, TerminalStyle)>();
                for (var c = 0; c < cells.Count; c++)
                {
                    var pieces = row < cells[c].Count ? cells[c][row] : [];
                    line.AddRange(pieces);
                    var used = pieces.Sum(p => p.Text.Length);
                    if (c < cells.Count - 1)
                    {
                        line.Add((new string(' ', Math.Max(1, NodeCell.Width - used + Gap)), TerminalStyle.Plain));
                    }
                }

                rows.Add(line);
            }

            rows.Add([]);
            frame.AddLines(rows);
        }
    }

    /// <summary>One line: state, name, freshness, cpu with a strip of what room is left, memory, load, version.</summary>
    private static List<(string, TerminalStyle)> ListLine(NodeSnapshot node, string selfVersion, int width)
    {
        var m = node.Metrics;
        var state = StateStyle(node.Health);
        List<(string Text, TerminalStyle Style)> line =
        [
            ("● ", state),
            (Fit(node.Name + (node.IsSelf ? " *" : ""), 18), TerminalStyle.Title),
            (" " + Fit(Freshness(node), 18), state),
            ($" cpu {Number(m.CpuBusyPercent, "0"),3}%", LoadStyle(m.CpuBusyPercent)),
            ($" max {Number(MaxCore(m), "0"),3}%", TerminalStyle.Dim),
            ($" mem {Number(MemoryPercent(m), "0"),3}% {UsedOfTotal(m.MemoryUsedBytes, m.MemoryTotalBytes),-15}", LoadStyle(MemoryPercent(m))),
            ($" load {$"{Number(m.Load1, "0.00")} {Number(m.Load5, "0.00")} {Number(m.Load15, "0.00")}",-17}", TerminalStyle.Plain),
        ];
        line.AddRange(NodeCell.Version(node, selfVersion));
        var room = width - line.Sum(p => p.Text.Length) - 2;
        if (room >= 4)
        {
            line.Add(("  " + CoreStrip(m.CoreBusyPercent, room), TerminalStyle.Plain));
        }

        return line;
    }
}
