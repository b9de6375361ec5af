using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Psstd.Agent.Configuration;
using Psstd.Agent.Identity;
using Psstd.Agent.Store;
using Psstd.Bench.Simulation;
using Psstd.Contracts;
using Psstd.Gossip.Cluster;
using Psstd.Gossip.Wire;

namespace Psstd.Bench.Store;

/// <summary>
/// The agent's own store writer on a simulated clock and a real SQLite file: every node publishes a new
/// record every second; each simulated second is one writer tick (one batch, plus thinning once a minute),
/// timed for wall and process CPU.
/// </summary>
public static class StoreBench
{
    public const string Usage = "usage: dotnet run -c Release --project bench/Psstd.Bench -- store [--nodes 100] [--seconds 3600] [--cores 16]";

    public static string Run(int nodes, int seconds, int cores)
    {
        var directory = Path.Combine(Path.GetTempPath(), "psstd-bench-store-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            return Measure(directory, nodes, seconds, cores);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static string Measure(string directory, int nodes, int seconds, int cores)
    {
        var clock = new SimClock();
        var settings = AgentSettings.FromEnvironment(new Dictionary<string, string> { ["PSSTD_DB"] = directory }, "bench");
        var cluster = new ClusterState(clock);
        var status = new StoreStatus();
        using var writer = new StoreWriter(settings, cluster, new NodeIdentity(Guid.NewGuid(), 1), status, clock, new Psstd.Agent.Events.EventJournal(), NullLogger<StoreWriter>.Instance);
        writer.Open();
        var random = new Random(42);
        var ids = Enumerable.Range(0, nodes).Select(_ => Guid.NewGuid()).ToArray();
        var wall = new List<double>(seconds);
        var cpu = new List<double>(seconds);
        var maintainWall = new List<double>();
        using var process = Process.GetCurrentProcess();
        for (var second = 1; second <= seconds; second++)
        {
            for (var n = 0; n < nodes; n++)
            {
                cluster.Merge(RecordCodec.ToBytes(Record(ids[n], n, second, cores, random)));
            }

            clock.MoveTo(second * TimeSpan.TicksPerSecond);
            process.Refresh();
            var cpuBefore = process.TotalProcessorTime;
            var start = TimeProvider.System.GetTimestamp();
            writer.Tick();
            var elapsed = TimeProvider.System.GetElapsedTime(start).TotalMilliseconds;
            process.Refresh();
            (second % 60 == 0 ? maintainWall : wall).Add(elapsed);
            cpu.Add((process.TotalProcessorTime - cpuBefore).TotalMilliseconds);
        }

        var size = status.Store!.Size();
        var rows = status.Queries!.HistoryRows();
        writer.StoppedAsync(CancellationToken.None).GetAwaiter().GetResult();
        var closed = new FileInfo(Path.Combine(directory, StoreSchema.FileName)).Length;
        return string.Create(CultureInfo.InvariantCulture, $"""
            | nodes | simulated | batches | wall ms median | wall ms p99 | with thinning (1/min) median | CPU ms median | CPU ms p99 | history rows | bytes/row | db+wal MiB | db after close MiB |
            |---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|
            | {nodes} | {seconds} s | {seconds} | {Percentile(wall, 0.5):0.00} | {Percentile(wall, 0.99):0.00} | {Percentile(maintainWall, 0.5):0.00} | {Percentile(cpu, 0.5):0.00} | {Percentile(cpu, 0.99):0.00} | {rows} | {closed / (double)Math.Max(1, rows):0.0} | {size.TotalBytes / 1048576.0:0.0} | {closed / 1048576.0:0.0} |
            """);
    }

    private static NodeRecord Record(Guid id, int n, long sequence, int cores, Random random) => new(
        id,
        $"node-{n:D4}",
        1,
        sequence,
        "0.1.0",
        TimeSpan.FromSeconds(1),
        TimeSpan.FromSeconds(15),
        $"http://node-{n:D4}:8080/",
        $"10.0.{n / 250}.{n % 250}:7947",
        new NodeMetrics
        {
            LogicalCores = cores,
            CoreBusyPercent = [.. Enumerable.Range(0, cores).Select(_ => random.NextDouble() * 100)],
            CpuBusyPercent = random.NextDouble() * 100,
            MemoryTotalBytes = 64L << 30,
            MemoryUsedBytes = (long)(random.NextDouble() * (64L << 30)),
            MemoryAvailableBytes = 8L << 30,
            SwapTotalBytes = 8L << 30,
            SwapUsedBytes = random.Next(0, 1 << 30),
            Load1 = random.NextDouble() * cores,
            Load5 = random.NextDouble() * cores,
            Load15 = random.NextDouble() * cores,
            UptimeSeconds = 86_400 + sequence,
            RootFsTotalBytes = 500L << 30,
            RootFsUsedBytes = 200L << 30,
            DiskReadBytesPerSecond = random.Next(0, 200_000_000),
            DiskWriteBytesPerSecond = random.Next(0, 200_000_000),
            NetRxBytesPerSecond = random.Next(0, 1_000_000_000),
            NetTxBytesPerSecond = random.Next(0, 1_000_000_000),
            ProcessCount = 300 + random.Next(0, 100),
        });

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0)
        {
            return 0;
        }

        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
