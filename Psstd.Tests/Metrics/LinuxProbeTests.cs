using Microsoft.Extensions.Time.Testing;
using Psstd.Agent.Metrics.Linux;

namespace Psstd.Tests.Metrics;

/// <summary>LinuxProbe end to end over a fixture /proc tree (see Fixtures/proc/README.md), on a fake clock.</summary>
public sealed class LinuxProbeTests : IDisposable
{
    private readonly TempProcTree _proc = new("tree");
    private readonly FakeTimeProvider _clock = new();

    public void Dispose() => _proc.Dispose();

    [Fact]
    public void Sample_First_ReadsLevelsAndReportsZeroRates()
    {
        var probe = NewProbe();

        var metrics = probe.Sample();

        Assert.Equal(4, metrics.LogicalCores);
        Assert.Equal([0.0, 0.0, 0.0, 0.0], metrics.CoreBusyPercent);
        Assert.Equal(0, metrics.CpuBusyPercent);
        Assert.Equal(16384000L * 1024, metrics.MemoryTotalBytes);
        Assert.Equal(12288000L * 1024, metrics.MemoryAvailableBytes);
        Assert.Equal((16384000L - 12288000) * 1024, metrics.MemoryUsedBytes);
        Assert.Equal(4194304L * 1024, metrics.SwapTotalBytes);
        Assert.Equal((4194304L - 3145728) * 1024, metrics.SwapUsedBytes);
        Assert.Equal(1.25, metrics.Load1);
        Assert.Equal(0.75, metrics.Load5);
        Assert.Equal(0.50, metrics.Load15);
        Assert.Equal(12345, metrics.UptimeSeconds);
        Assert.Equal(0, metrics.DiskReadBytesPerSecond);
        Assert.Equal(0, metrics.DiskWriteBytesPerSecond);
        Assert.Equal(0, metrics.NetRxBytesPerSecond);
        Assert.Equal(0, metrics.NetTxBytesPerSecond);
    }

    [Fact]
    public void Sample_TwoSecondsLater_ReportsExactRatesAndBusyPercent()
    {
        var probe = NewProbe();
        probe.Sample();
        _clock.Advance(TimeSpan.FromSeconds(2));
        _proc.Overlay("tree-next");

        var metrics = probe.Sample();

        Assert.Equal([50.0, 100.0, 0.0, 25.0], metrics.CoreBusyPercent);
        Assert.Equal(43.75, metrics.CpuBusyPercent);
        Assert.Equal(8000 * 512 / 2, metrics.DiskReadBytesPerSecond);
        Assert.Equal(4000 * 512 / 2, metrics.DiskWriteBytesPerSecond);
        Assert.Equal(4_000_000 / 2, metrics.NetRxBytesPerSecond);
        Assert.Equal(600_000 / 2, metrics.NetTxBytesPerSecond);
        Assert.Equal(12347, metrics.UptimeSeconds);
    }

    [Fact]
    public void Sample_RatesUseTheWholeIntervalSinceThePreviousCall()
    {
        var probe = NewProbe();
        probe.Sample();
        _clock.Advance(TimeSpan.FromSeconds(8));
        _proc.Overlay("tree-next");

        var metrics = probe.Sample();

        Assert.Equal(4_000_000 / 8, metrics.NetRxBytesPerSecond);
        Assert.Equal(8000 * 512 / 8, metrics.DiskReadBytesPerSecond);
    }

    [Fact]
    public void Sample_CounterReset_ReportsZeroThenMeasuresFromTheNewBaseline()
    {
        var probe = NewProbe();
        probe.Sample();
        _clock.Advance(TimeSpan.FromSeconds(2));
        _proc.Write("net/dev", NetDev(rx: 1_000, tx: 2_000));

        var afterReset = probe.Sample();
        _clock.Advance(TimeSpan.FromSeconds(2));
        _proc.Write("net/dev", NetDev(rx: 1_000 + 600_000, tx: 2_000 + 200_000));
        var afterThat = probe.Sample();

        Assert.Equal(0, afterReset.NetRxBytesPerSecond);
        Assert.Equal(0, afterReset.NetTxBytesPerSecond);
        Assert.Equal(300_000, afterThat.NetRxBytesPerSecond);
        Assert.Equal(100_000, afterThat.NetTxBytesPerSecond);
    }

    [Fact]
    public void Sample_NoTimePassed_ReportsZeroRates()
    {
        var probe = NewProbe();
        probe.Sample();
        _proc.Overlay("tree-next");

        var metrics = probe.Sample();

        Assert.Equal(0, metrics.NetRxBytesPerSecond);
        Assert.Equal(0, metrics.DiskReadBytesPerSecond);
    }

    [Fact]
    public void Sample_CountsNumericDirectoriesOnly()
    {
        // 1/, 42/ and 4242/ are processes; net/, self/ and sys/ are not.
        Assert.Equal(3, NewProbe().Sample().ProcessCount);
    }

    [Fact]
    public void Sample_CountsProcessesAgainOnlyEveryFewSeconds()
    {
        var probe = NewProbe();
        Assert.Equal(3, probe.Sample().ProcessCount);

        Directory.CreateDirectory(Path.Combine(_proc.Root, "4343")); // a process starts
        _clock.Advance(LinuxProbe.ProcessCountEvery - TimeSpan.FromSeconds(1));
        Assert.Equal(3, probe.Sample().ProcessCount); // the last count, not listed again yet

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(4, probe.Sample().ProcessCount);
    }

    [Fact]
    public void Sample_RootFilesystem_ComesFromRootPath()
    {
        var metrics = NewProbe().Sample();

        var drive = new DriveInfo(_proc.Root);
        Assert.Equal(drive.TotalSize, metrics.RootFsTotalBytes);
        Assert.InRange(metrics.RootFsUsedBytes, 0, metrics.RootFsTotalBytes);
    }

    [Fact]
    public void Sample_EmptyProcDirectory_ReadsZerosWithoutThrowing()
    {
        var empty = Directory.CreateTempSubdirectory("psstd-empty-proc-");
        try
        {
            var probe = new LinuxProbe(_clock, empty.FullName, empty.FullName);
            probe.Sample();
            _clock.Advance(TimeSpan.FromSeconds(1));

            var metrics = probe.Sample();

            Assert.Equal(0, metrics.LogicalCores);
            Assert.Empty(metrics.CoreBusyPercent);
            Assert.Equal(0, metrics.MemoryTotalBytes);
            Assert.Equal(0, metrics.NetRxBytesPerSecond);
            Assert.Equal(0, metrics.ProcessCount);
        }
        finally
        {
            empty.Delete(recursive: true);
        }
    }

    [Fact]
    public void Sample_MissingProcRoot_ReadsZerosWithoutThrowing()
    {
        string missing = Path.Combine(_proc.Root, "no-such-dir");

        var metrics = new LinuxProbe(_clock, missing, _proc.Root).Sample();

        Assert.Equal(0, metrics.LogicalCores);
        Assert.Equal(0, metrics.ProcessCount);
    }

    [Fact]
    public void Sample_CapturedFiles_ReadLikeTheMachineTheyCameFrom()
    {
        var metrics = new LinuxProbe(_clock, ProcFixtures.PathOf("captured"), _proc.Root).Sample();

        Assert.Equal(2, metrics.LogicalCores);
        Assert.Equal(24684096L * 1024, metrics.MemoryTotalBytes);
        Assert.Equal(456, metrics.UptimeSeconds);
        Assert.Equal(0.60, metrics.Load1);
    }

    [Fact]
    public void Unavailable_OnLinux_IsEmpty()
    {
        Assert.Empty(NewProbe().Unavailable);
    }

    private LinuxProbe NewProbe() => new(_clock, _proc.Root, _proc.Root);

    private static string NetDev(long rx, long tx) =>
        $"""
        Inter-|   Receive                                                |  Transmit
         face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
            lo:       0       0    0    0    0     0          0         0        0       0    0    0    0     0       0          0
          eth0: {rx} 10 0 0 0 0 0 0 {tx} 10 0 0 0 0 0 0

        """;
}
