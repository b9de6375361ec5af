using Psstd.Contracts;

namespace Psstd.Tests.Terminal;

/// <summary>A fixed cluster for the terminal view: every state, a 128-core host and a version mismatch. No random part.</summary>
internal static class TerminalFixtures
{
    public const long GiB = 1024L * 1024 * 1024;
    public static readonly DateTimeOffset Now = new(2026, 1, 31, 12, 0, 5, TimeSpan.Zero);

    public static ClusterSnapshot Snapshot() => new("lab", Id(1), "alpha", "0.1.0",
    [
        Node(1, "alpha", NodeHealth.Fresh, 1.2, Metrics(4, cpu: 25, memUsed: 4, memTotal: 16, load: 0.42), self: true),
        Node(2, "beta", NodeHealth.Stale, 9.7, Metrics(8, cpu: 91, memUsed: 30, memTotal: 32, load: 7.5)),
        Node(3, "gamma", NodeHealth.Fresh, 0.4, Metrics(128, cpu: 60, memUsed: 200, memTotal: 512, load: 80.25), version: "0.2.0"),
        Node(4, "delta", NodeHealth.Offline, 42, Metrics(2, cpu: 5, memUsed: 1, memTotal: 2, load: 0.01)),
        Node(5, "epsilon", NodeHealth.Left, 3, Metrics(4, cpu: 0, memUsed: 0.5, memTotal: 0.75, load: 0)),
        Node(6, "zeta", NodeHealth.Suspect, 4.9, Metrics(16, cpu: 40, memUsed: 8, memTotal: 64, load: 3)),
    ]);

    public static Guid Id(int n) => new($"00000000-0000-0000-0000-{n:D12}");

    public static NodeSnapshot Node(int n, string name, NodeHealth health, double age, NodeMetrics metrics, bool self = false, string version = "0.1.0") =>
        new(Id(n), name, 1, 10, health, age, 15, version, "", $"10.0.0.{n}:7947", self, metrics);

    /// <summary>Core i is (i * 37 + cpu) % 101 busy: every bar height appears, fixed for a given node.</summary>
    public static NodeMetrics Metrics(int cores, double cpu, double memUsed, double memTotal, double load) => new()
    {
        LogicalCores = cores,
        CoreBusyPercent = [.. Enumerable.Range(0, cores).Select(i => (double)((i * 37 + (int)cpu) % 101))],
        CpuBusyPercent = cpu,
        MemoryTotalBytes = (long)(memTotal * GiB),
        MemoryUsedBytes = (long)(memUsed * GiB),
        MemoryAvailableBytes = (long)((memTotal - memUsed) * GiB),
        Load1 = load,
        Load5 = load / 2,
        Load15 = load / 4,
    };
}
