using System.Runtime.InteropServices;
using System.Runtime.Versioning;
using Psstd.Contracts;

namespace Psstd.Agent.Metrics.Windows;

/// <summary>Measures a Windows machine through ntdll, kernel32, PDH and .NET's interface counters.</summary>
/// <remarks>
/// Only reading happens here; every delta, rate and average is the shared arithmetic of
/// <see cref="CoreBusy"/>, <see cref="CounterRate"/>, <see cref="InterfaceTraffic"/> and <see cref="LoadDecay"/>.
/// Intervals are measured on the injected <see cref="TimeProvider"/>'s monotonic timestamp, as on Linux.
/// Per-core figures cover the processor group the agent runs in (up to 64 logical cores).
/// </remarks>
[SupportedOSPlatform("windows")]
internal sealed class WindowsProbe : IMetricsProbe, IDisposable
{
    private readonly TimeProvider _time;
    private readonly DriveInfo _root = new(Path.GetPathRoot(Environment.SystemDirectory) ?? "C:\\");
    private readonly PdhCounters _pdh = new();
    private readonly LoadDecay _load = new();
    private readonly Lock _gate = new();
    private byte[] _processorBuffer = new byte[Environment.ProcessorCount * ProcessorPerformanceParser.EntrySize];
    private byte[] _pageFileBuffer = new byte[1024];
    private Counters? _previous;

    public WindowsProbe(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        Unavailable = [.. Missing()];
    }

    public IReadOnlyList<string> Unavailable { get; }

    public NodeMetrics Sample()
    {
        // The lock only keeps the previous reading whole should two callers race; see IMetricsProbe.
        lock (_gate)
        {
            var now = ReadCounters();
            var previous = _previous ?? now;
            _previous = now;
            var elapsed = _time.GetElapsedTime(previous.Timestamp, now.Timestamp);

            var (perCore, machine) = CoreBusy.Measure(previous.Cores, now.Cores, ProcessorTimes.Delta);
            if (_pdh.HasQueueLength)
            {
                // Without the queue length the load stays 0, as Unavailable says, rather than half a figure.
                _load.Add(WindowsFigures.Runnable(now.QueueLength, machine, now.Cores.Length), elapsed);
            }

            var network = InterfaceTraffic.Growth(previous.Network, now.Network);
            var root = FilesystemUsage.Measure(_root);

            var metrics = new NodeMetrics
            {
                LogicalCores = now.Cores.Length,
                CoreBusyPercent = perCore,
                CpuBusyPercent = machine,
                Load1 = _load.One,
                Load5 = _load.Five,
                Load15 = _load.Fifteen,
                // GetTickCount64: milliseconds since the OS started, including time asleep.
                UptimeSeconds = Environment.TickCount64 / 1000,
                RootFsTotalBytes = root.TotalBytes,
                RootFsUsedBytes = root.UsedBytes,
                DiskReadBytesPerSecond = CounterRate.PerSecond(previous.DiskRead, now.DiskRead, elapsed),
                DiskWriteBytesPerSecond = CounterRate.PerSecond(previous.DiskWritten, now.DiskWritten, elapsed),
                NetRxBytesPerSecond = CounterRate.FromDelta(network.Rx, elapsed),
                NetTxBytesPerSecond = CounterRate.FromDelta(network.Tx, elapsed),
                ProcessCount = ProcessList.Count(),
            };
            return WithMemory(metrics);
        }
    }

    /// <summary>Closes the PDH query; the container that made the probe calls it at shutdown.</summary>
    public void Dispose() => _pdh.Dispose();

    /// <summary>The cumulative counters, read back to back so they cover the same interval.</summary>
    private Counters ReadCounters()
    {
        long timestamp = _time.GetTimestamp();
        var cores = ProcessorPerformanceParser.Parse(NtDll.Query(NtDll.SystemProcessorPerformanceInformation, ref _processorBuffer));
        var (queue, read, written) = _pdh.Collect();
        return new Counters(timestamp, cores, queue, read, written, InterfaceTraffic.Read());
    }

    private NodeMetrics WithMemory(NodeMetrics metrics)
    {
        var status = new MemoryStatusEx { Length = (uint)Marshal.SizeOf<MemoryStatusEx>() };
        if (!Kernel32.GlobalMemoryStatusEx(ref status))
        {
            return metrics;
        }

        var pageFiles = PageFileParser.Parse(NtDll.Query(NtDll.SystemPageFileInformation, ref _pageFileBuffer));
        return WindowsFigures.WithMemory(metrics, status, pageFiles, Environment.SystemPageSize);
    }

    private IEnumerable<string> Missing()
    {
        if (!_pdh.HasQueueLength)
        {
            yield return MetricNames.LoadAverage;
        }

        if (!_pdh.HasDiskBytes)
        {
            yield return MetricNames.DiskIo;
        }
    }

    private sealed record Counters(
        long Timestamp,
        ProcessorTimes[] Cores,
        long QueueLength,
        long DiskRead,
        long DiskWritten,
        Dictionary<string, (long Rx, long Tx)> Network);
}
