using Psstd.Contracts;

namespace Psstd.Tests.Dashboard;

/// <summary>Agent snapshots for dashboard tests, with every field a test does not care about filled sensibly.</summary>
internal static class TestSnapshots
{
    public const string LocalVersion = "0.1.0";
    public const long GiB = 1024L * 1024 * 1024;

    /// <param name="gossipAddress">Where the node gossips; by default the host of its dashboard (as a real node advertises both).</param>
    public static NodeSnapshot Node(
        string name,
        NodeHealth health = NodeHealth.Fresh,
        int cores = 4,
        string dashboardUrl = "",
        bool isSelf = false,
        double ageSeconds = 1.2,
        string version = LocalVersion,
        NodeMetrics? metrics = null,
        string? gossipAddress = null) =>
        new(
            Id: Guid.NewGuid(),
            Name: name,
            Generation: 1,
            Sequence: 42,
            Health: health,
            AgeSeconds: ageSeconds,
            TtlSeconds: 15,
            AgentVersion: version,
            DashboardUrl: dashboardUrl,
            GossipAddress: gossipAddress ?? GossipHostOf(dashboardUrl),
            IsSelf: isSelf,
            Metrics: metrics ?? SampleMetrics(cores));

    private static string GossipHostOf(string dashboardUrl) =>
        Uri.TryCreate(dashboardUrl, UriKind.Absolute, out var uri) && uri.HostNameType != UriHostNameType.IPv6 && uri.Host.Length > 0
            ? $"{uri.IdnHost}:7947"
            : "127.0.0.1:7947";

    /// <summary>Core i is (i * 7) % 101 percent busy: distinct values across all three colour bands.</summary>
    public static NodeMetrics SampleMetrics(int cores) => new()
    {
        LogicalCores = cores,
        CoreBusyPercent = Enumerable.Range(0, cores).Select(i => (double)(i * 7 % 101)).ToArray(),
        CpuBusyPercent = 25,
        MemoryTotalBytes = 16 * GiB,
        MemoryUsedBytes = 4 * GiB,
        MemoryAvailableBytes = 12 * GiB,
        Load1 = 0.42,
        Load5 = 0.35,
        Load15 = 0.3,
        UptimeSeconds = 3600,
        ProcessCount = 200,
    };

    public static ClusterSnapshot Snapshot(params NodeSnapshot[] nodes)
    {
        var self = nodes.FirstOrDefault(n => n.IsSelf) ?? nodes[0];
        return new ClusterSnapshot("lab", self.Id, self.Name, LocalVersion, nodes);
    }
}
