namespace Psstd.Agent.Metrics;

/// <summary>Names a probe lists in <see cref="IMetricsProbe.Unavailable"/>, written for the operator reading the start-up log.</summary>
internal static class MetricNames
{
    /// <summary>Busy % per core and for the whole machine.</summary>
    public const string PerCoreCpu = "per-core CPU";

    public const string Memory = "memory";
    public const string Swap = "swap";
    public const string LoadAverage = "load average";
    public const string DiskIo = "disk I/O";
    public const string NetworkIo = "network I/O";
}
