using System.Collections.ObjectModel;
using Psstd.Contracts;

namespace Psstd.Agent.Metrics;

/// <summary>
/// The probe for platforms psstd has no reader for (the BSDs, say): it reads only what .NET itself
/// exposes and says which metrics it leaves at 0.
/// </summary>
internal sealed class PortableProbe : IMetricsProbe
{
    private readonly DriveInfo _root;
    private readonly ReadOnlyCollection<double> _idleCores = Array.AsReadOnly(new double[Environment.ProcessorCount]);

    /// <param name="rootPath">The filesystem to report; by default the system drive on Windows, "/" elsewhere.</param>
    public PortableProbe(string? rootPath = null) => _root = new DriveInfo(rootPath ?? DefaultRoot());

    public IReadOnlyList<string> Unavailable { get; } =
    [
        MetricNames.PerCoreCpu,
        MetricNames.Memory,
        MetricNames.Swap,
        MetricNames.LoadAverage,
        MetricNames.DiskIo,
        MetricNames.NetworkIo,
    ];

    public NodeMetrics Sample()
    {
        var root = FilesystemUsage.Measure(_root);
        return new NodeMetrics
        {
            LogicalCores = _idleCores.Count,
            // One zero per core keeps the shape consumers draw bars from; Unavailable says why.
            CoreBusyPercent = _idleCores,
            // TickCount64 is milliseconds since the OS started: uptime, not a clock this code schedules by.
            UptimeSeconds = Environment.TickCount64 / 1000,
            RootFsTotalBytes = root.TotalBytes,
            RootFsUsedBytes = root.UsedBytes,
            ProcessCount = ProcessList.Count(),
        };
    }

    private static string DefaultRoot() =>
        OperatingSystem.IsWindows()
            ? Path.GetPathRoot(Environment.SystemDirectory) ?? "C:\\"
            : "/";
}
