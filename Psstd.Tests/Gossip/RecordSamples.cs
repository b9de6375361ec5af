using Psstd.Contracts;
using Psstd.Gossip.Wire;

namespace Psstd.Tests.Gossip;

/// <summary>Records to feed codec, merge and snapshot tests.</summary>
internal static class RecordSamples
{
    public static readonly Guid NodeA = Guid.Parse("6f1c2a7e-1b2d-4e5f-8a9b-0c1d2e3f4a5b");

    public static NodeRecord Record(int cores = 4, long generation = 1, long sequence = 1, Guid? id = null, string name = "node-a") => new(
        id ?? NodeA,
        name,
        generation,
        sequence,
        "0.1.0",
        TimeSpan.FromSeconds(1),
        TimeSpan.FromSeconds(15),
        "https://psstd-node-a.example.com/?psstd_node=node-a",
        "10.200.30.40:7947",
        Metrics(cores));

    /// <summary>A record with every field of the extension (version 3) set.</summary>
    public static NodeRecord Extended(int cores = 4, long sequence = 1) => Record(cores, sequence: sequence) with
    {
        Metrics = Metrics(cores) with
        {
            CpuShares = new CpuShares(30.5, 10, 7.5, 1),
            CoreKernelPercent = [.. Enumerable.Range(0, cores).Select(i => i % 11 / 2.0)],
            MemoryCacheBytes = 200L * 1024 * 1024 * 1024,
        },
        Tags = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["rack"] = "a-12", ["role"] = "db" },
        AlertsFingerprint = "0123456789abcdef",
        Silences = [new SilenceClaim(Guid.Parse("11111111-2222-3333-4444-555555555555"), "cpu-*", "node-?", TimeSpan.FromMinutes(90), "kernel upgrade")],
        DeliveredNotices = [7u, 0xdeadbeefu],
    };

    public static NodeMetrics Metrics(int cores) => new()
    {
        LogicalCores = cores,
        CoreBusyPercent = [.. Enumerable.Range(0, cores).Select(i => i * 37 % 101 / 1.0 + (i % 2 == 0 ? 0.5 : 0))],
        CpuBusyPercent = 42.5,
        MemoryTotalBytes = 1024L * 1024 * 1024 * 1024, // 1 TiB
        MemoryUsedBytes = 700L * 1024 * 1024 * 1024,
        MemoryAvailableBytes = 324L * 1024 * 1024 * 1024,
        SwapTotalBytes = 8L * 1024 * 1024 * 1024,
        SwapUsedBytes = 12L * 1024 * 1024, // the wire carries MiB
        Load1 = 97.25,
        Load5 = 80.5,
        Load15 = 64.01,
        UptimeSeconds = 86400 * 400,
        RootFsTotalBytes = 2L * 1024 * 1024 * 1024 * 1024,
        RootFsUsedBytes = 1L * 1024 * 1024 * 1024 * 1024,
        DiskReadBytesPerSecond = 3_000_000_000,
        DiskWriteBytesPerSecond = 1_500_000_000,
        NetRxBytesPerSecond = 12_500_000_000,
        NetTxBytesPerSecond = 9_000_000_000,
        ProcessCount = 4321,
    };
}
