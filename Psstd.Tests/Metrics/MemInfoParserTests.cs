using Psstd.Agent.Metrics.Linux;

namespace Psstd.Tests.Metrics;

public sealed class MemInfoParserTests
{
    [Fact]
    public void Parse_CapturedMeminfo_ConvertsKibibytesToBytes()
    {
        var memory = MemInfoParser.Parse(ProcFixtures.Read("captured/meminfo"));

        Assert.Equal(24684096L * 1024, memory.TotalBytes);
        Assert.Equal(24343756L * 1024, memory.AvailableBytes);
        Assert.Equal((24684096L - 24343756L) * 1024, memory.UsedBytes);
        Assert.Equal(0, memory.SwapTotalBytes);
        Assert.Equal(0, memory.SwapUsedBytes);
    }

    [Fact]
    public void Parse_NoMemAvailable_FallsBackToFreePlusBuffersPlusCached()
    {
        var memory = MemInfoParser.Parse(ProcFixtures.Read("handmade/meminfo-no-memavailable"));

        Assert.Equal(2048000L * 1024, memory.TotalBytes);
        Assert.Equal((512000L + 64000 + 256000) * 1024, memory.AvailableBytes);
        Assert.Equal((2048000L - 832000) * 1024, memory.UsedBytes);
        Assert.Equal(1048572L * 1024, memory.SwapTotalBytes);
        Assert.Equal((1048572L - 1000000) * 1024, memory.SwapUsedBytes);
    }

    [Fact]
    public void Parse_MemAvailableAfterOtherKeys_WinsOverFallback()
    {
        var memory = MemInfoParser.Parse("MemTotal: 1000 kB\nMemFree: 100 kB\nCached: 100 kB\nMemAvailable: 700 kB\n");

        Assert.Equal(700L * 1024, memory.AvailableBytes);
        Assert.Equal(300L * 1024, memory.UsedBytes);
    }

    [Fact]
    public void Parse_MissingUnitOrOverflowingValue_IsSkipped()
    {
        var memory = MemInfoParser.Parse("MemTotal: 1000\nMemAvailable: 99999999999999999 kB\nSwapTotal: 8 MB\nSwapFree: 4 kB\n");

        Assert.Equal(0, memory.TotalBytes);
        Assert.Equal(0, memory.AvailableBytes);
        Assert.Equal(0, memory.SwapTotalBytes);
        Assert.Equal(4096, memory.SwapFreeBytes);
    }

    [Fact]
    public void UsedBytes_AvailableAboveTotal_IsZero()
    {
        var memory = MemInfoParser.Parse("MemTotal: 100 kB\nMemAvailable: 200 kB\n");

        Assert.Equal(0, memory.UsedBytes);
    }

    [Fact]
    public void Cache_IsBuffersCacheAndReclaimableSlab_LessSharedMemory()
    {
        var memory = MemInfoParser.Parse("MemTotal: 1000 kB\nMemAvailable: 600 kB\nBuffers: 20 kB\nCached: 300 kB\nSReclaimable: 40 kB\nShmem: 60 kB\n");

        Assert.Equal(300L * 1024, memory.CacheBytes);
    }

    [Fact]
    public void Cache_NeverNegativeNorPastTotal()
    {
        Assert.Equal(0, MemInfoParser.Parse("MemTotal: 1000 kB\nCached: 10 kB\nShmem: 500 kB\n").CacheBytes);
        Assert.Equal(1000L * 1024, MemInfoParser.Parse("MemTotal: 1000 kB\nCached: 5000 kB\n").CacheBytes);
    }
}
