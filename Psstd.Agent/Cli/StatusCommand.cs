using System.CommandLine;
using Psstd.Agent.Terminal;
using Psstd.Contracts;

namespace Psstd.Agent.Cli;

/// <summary><c>status</c>: this node, its peers, cluster and key state, ports, socket and store size.</summary>
internal static class StatusCommand
{
    /// <summary>The store's file in the state directory, and SQLite's write-ahead log beside it.</summary>
    public const string StoreFile = "psstd.db";

    public static Command Create(CliConsole console)
    {
        var command = new Command("status", "Show this node, its peers, cluster and key state, ports, socket and store size");
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var agent = AgentCommandLine.Connect(parsed, console);
            var status = await agent.GetAsync(AgentStatusRoutes.Status, LocalApiJsonContext.Default.AgentStatus, cancellationToken);
            var cluster = await agent.GetAsync(LocalApiRoutes.Cluster, LocalApiJsonContext.Default.ClusterSnapshot, cancellationToken);
            await console.Out.WriteAsync(Format(status, cluster, StoreSize(status.StateDirectory)));
            return 0;
        });
        return command;
    }

    public static string Format(AgentStatus status, ClusterSnapshot cluster, string storeSize)
    {
        ArgumentNullException.ThrowIfNull(status);
        ArgumentNullException.ThrowIfNull(cluster);
        var peers = cluster.Nodes.Where(n => !n.IsSelf).ToList();
        var states = string.Join(", ", Enum.GetValues<NodeHealth>().Select(h => $"{h.ToString().ToLowerInvariant()} {peers.Count(p => p.Health == h)}"));
        var keys = status.KeyCount == 0
            ? "not sealed (no PSSTD_KEY)"
            : $"sealed with AES-256-GCM: {status.KeyCount} key{(status.KeyCount == 1 ? "" : "s")} configured, the first seals";
        return $"""
            node      {status.NodeName} ({status.NodeId}), generation {status.Generation}, agent {status.AgentVersion}{BuildSuffix(status)}, pid {status.ProcessId}
            started   {status.StartedAt:yyyy-MM-dd HH:mm:ss}Z, ttl {TerminalFormat.Number(status.TtlSeconds, "0.###")}s, interval {TerminalFormat.Number(status.IntervalSeconds, "0.###")}s
            cluster   {status.Cluster}: {cluster.Nodes.Count} nodes known, {peers.Count} peers ({states})
            keys      {keys}
            gossip    listen {status.Gossip} (PSSTD_GOSSIP), advertised {status.AdvertiseGossip}
            seeds     {(status.Seeds.Count == 0 ? "none" : string.Join(", ", status.Seeds))}
            socket    {status.SocketPath}
            state     {status.StateDirectory}
            store     {storeSize}

            """;
    }

    /// <summary>" (NativeAOT)" or " (JIT)" after the version; nothing for an agent that does not say.</summary>
    public static string BuildSuffix(AgentStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.Build.Length == 0 ? "" : $" ({status.Build})";
    }

    /// <summary>"1.2 MiB (psstd.db 1.0 MiB + psstd.db-wal 0.2 MiB)", or why there is none.</summary>
    public static string StoreSize(string stateDirectory)
    {
        var db = new FileInfo(Path.Combine(stateDirectory, StoreFile));
        var wal = new FileInfo(db.FullName + "-wal");
        if (!db.Exists)
        {
            return $"none yet ({db.FullName} does not exist)";
        }

        var walBytes = wal.Exists ? wal.Length : 0;
        return $"{Size(db.Length + walBytes)} ({StoreFile} {Size(db.Length)} + {StoreFile}-wal {Size(walBytes)})";
    }

    private static string Size(long bytes) =>
        bytes >= 1024 * 1024 ? $"{TerminalFormat.Number(bytes / (1024d * 1024), "0.0")} MiB" : $"{TerminalFormat.Number(bytes / 1024d, "0.0")} KiB";
}
