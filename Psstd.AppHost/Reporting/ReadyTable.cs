using System.Globalization;
using System.Text;
using Psstd.AppHost.Model;

namespace Psstd.AppHost.Reporting;

/// <summary>The lines the AppHost prints once every node answers: where each dashboard, gossip port and socket is.</summary>
public static class ReadyTable
{
    /// <param name="aspireDashboard">The Aspire dashboard's login URL; null when it does not run (tests).</param>
    public static string Format(IReadOnlyList<NodeSpec> nodes, Uri? aspireDashboard)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"psstd local cluster: {nodes.Count} nodes ready (Ctrl+C stops them all)");
        var namespaces = nodes.Any(n => n.Network is not null) ? "namespace" : "";
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {"node",-10} {"dashboard",-28} {"gossip",-17} {"socket",-44} {namespaces}").TrimEnd());
        foreach (var node in nodes)
        {
            var gossip = $"{node.Network?.Address.ToString() ?? "127.0.0.1"}:{node.GossipPort}";
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {node.Name,-10} {node.DashboardUrl,-28} {gossip,-17} {node.SocketPath,-44} {node.Network?.Namespace}").TrimEnd());
        }

        if (aspireDashboard is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Aspire dashboard (logs, traces, metrics of every process): {aspireDashboard}");
        }

        return text.ToString();
    }
}
