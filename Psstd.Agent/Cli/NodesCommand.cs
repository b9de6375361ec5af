using System.CommandLine;
using System.Text.Json;
using Psstd.Agent.Terminal;
using Psstd.Contracts;

namespace Psstd.Agent.Cli;

/// <summary><c>nodes</c>: every known node, one line each, or the cluster snapshot as JSON.</summary>
internal static class NodesCommand
{
    private static readonly string[] Headings = ["NAME", "STATE", "AGE", "CPU", "MEM", "LOAD1", "VERSION", "GOSSIP", "ID"];

    public static Option<bool> JsonOption { get; } = new("--json") { Description = "Print the cluster snapshot as JSON (the local API's /v1/cluster)" };

    public static Command Create(CliConsole console)
    {
        var command = new Command("nodes", "List every node this agent knows, with state, age, cpu, memory, load, version and gossip address") { JsonOption };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var agent = AgentCommandLine.Connect(parsed, console);
            var snapshot = await agent.GetAsync(LocalApiRoutes.Cluster, LocalApiJsonContext.Default.ClusterSnapshot, cancellationToken);
            await console.Out.WriteAsync(parsed.GetValue(JsonOption)
                ? JsonSerializer.Serialize(snapshot, LocalApiJsonContext.Default.ClusterSnapshot) + "\n"
                : Format(snapshot));
            return 0;
        });
        return command;
    }

    public static string Format(ClusterSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var rows = new List<string[]> { Headings };
        foreach (var n in snapshot.Nodes.OrderBy(n => n.Name, StringComparer.Ordinal))
        {
            rows.Add(
            [
                n.Name + (n.IsSelf ? " *" : ""),
                n.Health.ToString().ToLowerInvariant(),
                TerminalFormat.Age(n.AgeSeconds),
                $"{TerminalFormat.Number(n.Metrics.CpuBusyPercent, "0")}%",
                TerminalFormat.UsedOfTotal(n.Metrics.MemoryUsedBytes, n.Metrics.MemoryTotalBytes),
                TerminalFormat.Number(n.Metrics.Load1, "0.00"),
                n.AgentVersion + (n.AgentVersion == snapshot.AgentVersion ? "" : " (differs)"),
                n.GossipAddress,
                n.Id.ToString(),
            ]);
        }

        return TextTable.Format(rows);
    }
}
