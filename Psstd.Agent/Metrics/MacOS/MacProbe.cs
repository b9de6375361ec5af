using System.Runtime.Versioning;
using Psstd.Contracts;

namespace Psstd.Agent.Metrics.MacOS;

/// <summary>Measures a Mac through Mach host statistics, sysctl and .NET's interface counters.</summary>
/// <remarks>
/// Only reading happens here; deltas, rates and busy % are the shared arithmetic of <see cref="CoreBusy"/>,
/// <see cref="CounterRate"/> and <see cref="CounterPairs"/>. The load averages are the kernel's own.
/// Built from Apple's documented layouts only: no Mac was at hand to run it on.
/// </remarks>
[SupportedOSPlatform("macos")]
internal sealed class MacProbe : IMetricsProbe
{
    private readonly TimeProvider _time;
    private readonly uint _host = LibSystem.MachHostSelf();
    private readonly uint _task = LibSystem.TaskSelf();
    private readonly long _memSize = SysctlLayouts.MemSize(LibSystem.Sysctl("hw.memsize", sizeof(long)));
    private readonly DriveInfo _root = new("/");
    private readonly BlockStorageStatistics _disks = new();
    private readonly Lock _gate = new();
    private Counters? _previous;

    public MacProbe(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    public IReadOnlyList<string> Unavailable { get; } = [];

    public NodeMetrics Sample()
    {
        // The lock only keeps the previous reading whole should two callers race; see IMetricsProbe.
        lock (_gate)
        {
            var now = ReadCounters();
            var previous = _previous ?? now;
            _previous = now;
            var elapsed = _time.GetElapsedTime(previous.Timestamp, now.Timestamp);

            var (perCore, machine) = CoreBusy.Measure(previous.Cores, now.Cores, MachCoreTicks.Delta);
            var network = InterfaceTraffic.Growth(previous.Network, now.Network);
            var disk = CounterPairs.Growth<ulong>(previous.Disks, now.Disks);
            long used = VmStatisticsParser.UsedBytes(LibSystem.VmStatistics(_host), Environment.SystemPageSize, _memSize);
            var swap = SysctlLayouts.SwapUsage(LibSystem.Sysctl("vm.swapusage", 32));
            var load = SysctlLayouts.LoadAverage(LibSystem.Sysctl("vm.loadavg", 24));
            long bootTime = SysctlLayouts.BootTimeSeconds(LibSystem.Sysctl("kern.boottime", 16));
            var root = FilesystemUsage.Measure(_root);

            return new NodeMetrics
            {
                LogicalCores = now.Cores.Length,
                CoreBusyPercent = perCore,
                CpuBusyPercent = machine,
                MemoryTotalBytes = _memSize,
                MemoryUsedBytes = used,
                MemoryAvailableBytes = _memSize - used,
                SwapTotalBytes = swap.Total,
                SwapUsedBytes = swap.Used,
                Load1 = load.One,
                Load5 = load.Five,
                Load15 = load.Fifteen,
                // kern.boottime is wall-clock, and so is the difference: the uptime a Mac shows, sleep included.
                UptimeSeconds = bootTime == 0 ? 0 : Math.Max(0, _time.GetUtcNow().ToUnixTimeSeconds() - bootTime),
                RootFsTotalBytes = root.TotalBytes,
                RootFsUsedBytes = root.UsedBytes,
                DiskReadBytesPerSecond = CounterRate.FromDelta(disk.First, elapsed),
                DiskWriteBytesPerSecond = CounterRate.FromDelta(disk.Second, elapsed),
                NetRxBytesPerSecond = CounterRate.FromDelta(network.Rx, elapsed),
                NetTxBytesPerSecond = CounterRate.FromDelta(network.Tx, elapsed),
                ProcessCount = ProcessList.Count(),
            };
        }
    }

    /// <summary>The cumulative counters, read back to back so they cover the same interval.</summary>
    private Counters ReadCounters()
    {
        long timestamp = _time.GetTimestamp();
        var cores = MachCoreTicks.Parse(LibSystem.ProcessorTicks(_host, _task));
        return new Counters(timestamp, cores, _disks.Read(), InterfaceTraffic.Read());
    }

    private sealed record Counters(
        long Timestamp,
        MachCoreTicks[] Cores,
        Dictionary<ulong, (long Read, long Written)> Disks,
        Dictionary<string, (long Rx, long Tx)> Network);
}
