using Psstd.Contracts;

namespace Psstd.Bench;

/// <summary>Clusters of N nodes x C cores with varied, seeded values, so the HTML does not compress unrealistically well.</summary>
internal static class BenchSnapshots
{
    private const long GiB = 1024L * 1024 * 1024;

    public static ClusterSnapshot Cluster(int nodes, int cores, int seed = 1)
    {
        var random = new Random(seed);
        var list = new NodeSnapshot[nodes];
        for (var i = 0; i < nodes; i++)
        {
            var busy = Enumerable.Range(0, cores).Select(_ => Math.Round(random.NextDouble() * 100, 1)).ToArray();
            var total = (8L << random.Next(0, 4)) * GiB;
            var used = (long)(total * random.NextDouble());
            list[i] = new NodeSnapshot(
                Guid.NewGuid(),
                $"node-{i:D4}",
                1,
                random.Next(1, 100_000),
                random.Next(0, 20) == 0 ? NodeHealth.Stale : NodeHealth.Fresh,
                random.NextDouble() * 5,
                15,
                "0.1.0",
                $"http://10.0.{i / 250}.{i % 250}:8080/",
                $"10.0.{i / 250}.{i % 250}:7946",
                i == 0,
                new NodeMetrics
                {
                    LogicalCores = cores,
                    CoreBusyPercent = busy,
                    CpuBusyPercent = busy.Average(),
                    MemoryTotalBytes = total,
                    MemoryUsedBytes = used,
                    MemoryAvailableBytes = total - used,
                    SwapTotalBytes = 2 * GiB,
                    SwapUsedBytes = random.Next(0, 1000) * 1024L * 1024,
                    Load1 = random.NextDouble() * cores,
                    Load5 = random.NextDouble() * cores,
                    Load15 = random.NextDouble() * cores,
                    UptimeSeconds = random.Next(60, 10_000_000),
                    DiskReadBytesPerSecond = random.Next(0, 100_000_000),
                    DiskWriteBytesPerSecond = random.Next(0, 100_000_000),
                    NetRxBytesPerSecond = random.Next(0, 100_000_000),
                    NetTxBytesPerSecond = random.Next(0, 100_000_000),
                    ProcessCount = random.Next(100, 900),
                });
        }

        return new ClusterSnapshot("bench", list[0].Id, list[0].Name, "0.1.0", list);
    }
}
