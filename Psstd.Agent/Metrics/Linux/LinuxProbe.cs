using Psstd.Contracts;

namespace Psstd.Agent.Metrics.Linux;

/// <summary>Measures a Linux machine from /proc and statvfs.</summary>
/// <remarks>
/// Intervals are measured on the injected <see cref="TimeProvider"/>'s monotonic timestamp, never a
/// wall clock: a clock step (NTP, a suspended VM) must not turn into a burst or a gap in the rates.
/// </remarks>
internal sealed class LinuxProbe : IMetricsProbe
{
    /// <summary>
    /// Past this many cores the per-core kernel share stays out of the record (the machine-wide split still goes):
    /// one byte a core keeps a 128-core record well inside a datagram (bench record-size).
    /// </summary>
    public const int MaxCoresWithKernelShare = 128;

    /// <summary>
    /// How often the processes are counted again; between counts a sample reports the last count. Counting lists
    /// /proc, and the kernel builds an entry for every process it lists: at about a hundred processes that was
    /// 60 % of a sample's CPU and 0.02 % of a core every second, for a figure that changes slowly and that
    /// nobody reads to the second (bench/RESULTS.md, issue 21, fourth pass).
    /// </summary>
    public static readonly TimeSpan ProcessCountEvery = TimeSpan.FromSeconds(5);

    private readonly TimeProvider _time;
    private readonly string _procRoot;
    private readonly string _statPath;
    private readonly string _memInfoPath;
    private readonly string _loadAvgPath;
    private readonly string _uptimePath;
    private readonly string _diskStatsPath;
    private readonly string _netDevPath;
    private readonly DriveInfo _root;
    private readonly ProcFileReader _reader = new();
    private readonly Lock _gate = new();

    private Counters? _previous;
    private int _processCount;
    private long? _processCountedAt; // null before the first count

    /// <param name="time">The clock intervals are measured on.</param>
    /// <param name="procRoot">Where procfs is mounted; tests point it at a fixture directory.</param>
    /// <param name="rootPath">A path on the filesystem reported as the root filesystem.</param>
    public LinuxProbe(TimeProvider time, string procRoot = "/proc", string rootPath = "/")
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentException.ThrowIfNullOrEmpty(procRoot);
        ArgumentException.ThrowIfNullOrEmpty(rootPath);
        _time = time;
        _procRoot = procRoot;
        _statPath = Path.Combine(procRoot, "stat");
        _memInfoPath = Path.Combine(procRoot, "meminfo");
        _loadAvgPath = Path.Combine(procRoot, "loadavg");
        _uptimePath = Path.Combine(procRoot, "uptime");
        _diskStatsPath = Path.Combine(procRoot, "diskstats");
        _netDevPath = Path.Combine(procRoot, "net", "dev");
        _root = new DriveInfo(rootPath);
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

            var memory = MemInfoParser.Parse(_reader.Read(_memInfoPath));
            var load = LoadAvgParser.Parse(_reader.Read(_loadAvgPath));
            double uptime = UptimeParser.ParseSeconds(_reader.Read(_uptimePath));
            var root = FilesystemUsage.Measure(_root);

            // On the first call previous is now itself: every delta is 0, so are rates and busy %.
            return new NodeMetrics
            {
                LogicalCores = now.Cpu.Cores.Count,
                CoreBusyPercent = CpuBusy.PerCore(previous.Cpu, now.Cpu),
                CpuBusyPercent = CpuBusy.Percent(previous.Cpu.Aggregate, now.Cpu.Aggregate),
                MemoryTotalBytes = memory.TotalBytes,
                MemoryUsedBytes = memory.UsedBytes,
                MemoryAvailableBytes = memory.AvailableBytes,
                SwapTotalBytes = memory.SwapTotalBytes,
                SwapUsedBytes = memory.SwapUsedBytes,
                Load1 = load.One,
                Load5 = load.Five,
                Load15 = load.Fifteen,
                UptimeSeconds = (long)uptime,
                RootFsTotalBytes = root.TotalBytes,
                RootFsUsedBytes = root.UsedBytes,
                DiskReadBytesPerSecond = CounterRate.PerSecond(previous.Disk.BytesRead, now.Disk.BytesRead, elapsed),
                DiskWriteBytesPerSecond = CounterRate.PerSecond(previous.Disk.BytesWritten, now.Disk.BytesWritten, elapsed),
                NetRxBytesPerSecond = CounterRate.PerSecond(previous.Network.RxBytes, now.Network.RxBytes, elapsed),
                NetTxBytesPerSecond = CounterRate.PerSecond(previous.Network.TxBytes, now.Network.TxBytes, elapsed),
                ProcessCount = ProcessCount(now.Timestamp),
                CpuShares = CpuBusy.Shares(previous.Cpu.Aggregate, now.Cpu.Aggregate),
                CoreKernelPercent = now.Cpu.Cores.Count <= MaxCoresWithKernelShare ? CpuBusy.KernelPerCore(previous.Cpu, now.Cpu) : [],
                MemoryCacheBytes = memory.CacheBytes,
            };
        }
    }

    /// <summary>The number of processes, counted again when the last count is <see cref="ProcessCountEvery"/> old.</summary>
    private int ProcessCount(long timestamp)
    {
        if (_processCountedAt is not { } countedAt || _time.GetElapsedTime(countedAt, timestamp) >= ProcessCountEvery)
        {
            _processCount = ProcessCounter.Count(_procRoot);
            _processCountedAt = timestamp;
        }

        return _processCount;
    }

    /// <summary>The cumulative counters, read back to back so they cover the same interval.</summary>
    private Counters ReadCounters()
    {
        long timestamp = _time.GetTimestamp();
        var cpu = ProcStatParser.Parse(_reader.Read(_statPath));
        var disk = DiskStatsParser.Parse(_reader.Read(_diskStatsPath));
        var network = NetDevParser.Parse(_reader.Read(_netDevPath));
        return new Counters(timestamp, cpu, disk, network);
    }

    private sealed record Counters(long Timestamp, CpuStatReading Cpu, DiskIoTotals Disk, NetworkTotals Network);
}
