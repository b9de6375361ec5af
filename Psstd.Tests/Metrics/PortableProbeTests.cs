using Microsoft.Extensions.Time.Testing;
using Psstd.Agent.Metrics;
using Psstd.Agent.Metrics.Linux;
using Psstd.Agent.Metrics.MacOS;
using Psstd.Agent.Metrics.Windows;

namespace Psstd.Tests.Metrics;

public sealed class PortableProbeTests
{
    [Fact]
    public void Unavailable_ListsEverythingWithoutProc()
    {
        Assert.Equal(
            ["per-core CPU", "memory", "swap", "load average", "disk I/O", "network I/O"],
            new PortableProbe().Unavailable);
    }

    [Fact]
    public void Sample_ReadsWhatDotNetExposes()
    {
        var metrics = new PortableProbe().Sample();

        Assert.Equal(Environment.ProcessorCount, metrics.LogicalCores);
        Assert.Equal(Environment.ProcessorCount, metrics.CoreBusyPercent.Count);
        Assert.All(metrics.CoreBusyPercent, busy => Assert.Equal(0, busy));
        Assert.True(metrics.ProcessCount > 0);
        Assert.True(metrics.RootFsTotalBytes > 0);
        Assert.InRange(metrics.RootFsUsedBytes, 0, metrics.RootFsTotalBytes);
        Assert.Equal(0, metrics.MemoryTotalBytes);
        Assert.Equal(0, metrics.NetRxBytesPerSecond);
    }

    [Fact]
    public void Create_OnThisPlatform_PicksTheMatchingProbe()
    {
        var probe = MetricsProbeFactory.Create(new FakeTimeProvider());

        if (OperatingSystem.IsLinux())
        {
            Assert.IsType<LinuxProbe>(probe);
        }
        else if (OperatingSystem.IsWindows())
        {
            Assert.IsType<WindowsProbe>(probe);
        }
        else if (OperatingSystem.IsMacOS())
        {
            Assert.IsType<MacProbe>(probe);
        }
        else
        {
            Assert.IsType<PortableProbe>(probe);
        }
    }
}
