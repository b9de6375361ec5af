using System.Text;
using Psstd.Contracts;
using Psstd.Gossip.Wire;

namespace Psstd.Bench.Records;

/// <summary>
/// The record's size from 2 to 256 cores: as version 2 wrote it, with the version 3 metric items the Linux probe adds
/// (CPU shares, per-core kernel share up to 128 cores, cache), and with the largest tags and eight silences too. A
/// markdown table for bench/RESULTS.md.
/// </summary>
internal static class RecordSizeBench
{
    /// <summary>The Linux probe's limit for the per-core kernel share (LinuxProbe.MaxCoresWithKernelShare).</summary>
    private const int MaxCoresWithKernelShare = 128;

    public static string Run()
    {
        var table = new StringBuilder("| cores | version 2 | + CPU split and cache | + 256 B of tags, fingerprint | + 8 silences |\n|---:|---:|---:|---:|---:|\n");
        foreach (var cores in new[] { 2, 16, 64, 128, 256 })
        {
            var plain = Record(cores);
            var split = plain with
            {
                Metrics = plain.Metrics with
                {
                    CpuShares = new CpuShares(41.5, 12, 3.5, 0),
                    CoreKernelPercent = cores <= MaxCoresWithKernelShare ? [.. Enumerable.Range(0, cores).Select(i => i % 30 / 2.0)] : [],
                    MemoryCacheBytes = 120L << 30,
                },
            };
            var tagged = split with
            {
                Tags = new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    ["rack"] = "eu-west-3a-r12",
                    ["role"] = "database-primary",
                    ["team"] = new string('t', 60),
                    ["zone"] = new string('z', 60),
                    ["owner"] = new string('o', 38),
                },
                AlertsFingerprint = "0123456789abcdef",
            };
            var silenced = tagged with
            {
                Silences = [.. Enumerable.Range(0, SilenceClaim.MaxPerNode).Select(i => new SilenceClaim(Guid.NewGuid(), $"cpu-{i}-*", "db-*", TimeSpan.FromHours(2), "kernel upgrade, see ticket OPS-1234"))],
            };
            table.Append($"| {cores} | {Size(plain)} | {Size(split)} | {Size(tagged)} | {Size(silenced)} |\n");
        }

        return table.ToString();
    }

    private static string Size(NodeRecord record)
    {
        Span<byte> buffer = stackalloc byte[PacketCodec.MaxDatagramBytes];
        var length = RecordCodec.Write(record, buffer);
        return length == 0 ? "does not fit" : $"{length} B";
    }

    private static NodeRecord Record(int cores) => new(
        Guid.NewGuid(),
        "db-primary-eu-west-3a-017",
        42,
        1_234_567,
        "0.9.0",
        TimeSpan.FromSeconds(1),
        TimeSpan.FromSeconds(15),
        "https://db-primary-017.example.com/",
        "10.20.30.40:7947",
        new NodeMetrics
        {
            LogicalCores = cores,
            CoreBusyPercent = [.. Enumerable.Range(0, cores).Select(i => i * 37 % 101 / 1.0)],
            CpuBusyPercent = 55.5,
            MemoryTotalBytes = 512L << 30,
            MemoryUsedBytes = 300L << 30,
            MemoryAvailableBytes = 212L << 30,
            SwapTotalBytes = 8L << 30,
            SwapUsedBytes = 1L << 30,
            Load1 = 40.25,
            Load5 = 38.5,
            Load15 = 35.75,
            UptimeSeconds = 86400 * 90,
            RootFsTotalBytes = 2L << 40,
            RootFsUsedBytes = 1L << 40,
            DiskReadBytesPerSecond = 250_000_000,
            DiskWriteBytesPerSecond = 120_000_000,
            NetRxBytesPerSecond = 1_100_000_000,
            NetTxBytesPerSecond = 900_000_000,
            ProcessCount = 2345,
        });
}
