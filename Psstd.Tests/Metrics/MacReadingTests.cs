using System.Buffers.Binary;
using Psstd.Agent.Metrics.MacOS;

namespace Psstd.Tests.Metrics;

/// <summary>
/// The macOS probe's parsing, on buffers laid out as Apple's public headers document them
/// (mach/processor_info.h, mach/vm_statistics.h, sys/sysctl.h). Fabricated: no Mac runs these tests.
/// </summary>
public sealed class MacReadingTests
{
    [Fact]
    public void DocumentedLayout_CpuLoadInfo_FourTicksPerCoreInUserSystemIdleNiceOrder()
    {
        int[] ticks = [100, 50, 800, 10, 7, 3, 990, 0];

        var cores = MachCoreTicks.Parse(ticks);

        Assert.Equal([new MachCoreTicks(100, 50, 800, 10), new MachCoreTicks(7, 3, 990, 0)], cores);
        Assert.Single(MachCoreTicks.Parse(ticks.AsSpan(0, 7)));
    }

    [Fact]
    public void DocumentedLayout_CpuLoadInfo_DeltaUndoesThe32BitWrap()
    {
        // natural_t ticks past 2^31 arrive as negative ints and wrap at 2^32.
        var before = MachCoreTicks.Parse([unchecked((int)0xFFFF_FFF0), 0, unchecked((int)0xFFFF_FF00), 0])[0];
        var after = MachCoreTicks.Parse([0x20, 0, 0x40, 0])[0];

        var delta = MachCoreTicks.Delta(before, after);

        Assert.Equal(0x30, delta.Busy);
        Assert.Equal(0x30 + 0x140, delta.Total);
    }

    [Fact]
    public void DocumentedLayout_VmStatistics64_UsedIsAppPlusWiredPlusCompressed()
    {
        var stats = new byte[152];
        Put(stats, 0, 50_000); // free_count
        Put(stats, 4, 300_000); // active_count
        Put(stats, 8, 280_000); // inactive_count
        Put(stats, 12, 120_000); // wire_count
        Put(stats, 88, 10_000); // purgeable_count
        Put(stats, 92, 4_000); // speculative_count
        Put(stats, 128, 60_000); // compressor_page_count
        Put(stats, 136, 250_000); // external_page_count: file cache, available
        Put(stats, 140, 330_000); // internal_page_count
        const long page = 16_384;
        const long total = 16L << 30;

        long used = VmStatisticsParser.UsedBytes(stats, page, total);

        Assert.Equal((330_000 - 10_000 + 120_000 + 60_000) * page, used);
        Assert.Equal(0, VmStatisticsParser.UsedBytes(stats.AsSpan(0, 151), page, total));
        Assert.Equal(total, VmStatisticsParser.UsedBytes(stats, page * 1_000, total));
    }

    [Fact]
    public void DocumentedLayout_SysctlStructs_MemsizeSwapusageLoadavgBoottime()
    {
        var memsize = new byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(memsize, 17_179_869_184);

        var swap = new byte[32]; // xsw_usage
        BinaryPrimitives.WriteUInt64LittleEndian(swap, 2L << 30); // xsu_total
        BinaryPrimitives.WriteUInt64LittleEndian(swap.AsSpan(8), 1L << 30); // xsu_avail
        BinaryPrimitives.WriteUInt64LittleEndian(swap.AsSpan(16), 1L << 30); // xsu_used
        BinaryPrimitives.WriteUInt32LittleEndian(swap.AsSpan(24), 16_384); // xsu_pagesize
        BinaryPrimitives.WriteUInt32LittleEndian(swap.AsSpan(28), 1); // xsu_encrypted

        var load = new byte[24]; // struct loadavg: fixpt_t[3], 4 bytes of padding, long fscale
        Put(load, 0, 3_072);
        Put(load, 4, 1_536);
        Put(load, 8, 512);
        BinaryPrimitives.WriteInt64LittleEndian(load.AsSpan(16), 2_048);

        var boot = new byte[16]; // struct timeval: time_t tv_sec, suseconds_t tv_usec
        BinaryPrimitives.WriteInt64LittleEndian(boot, 1_700_000_000);
        BinaryPrimitives.WriteInt32LittleEndian(boot.AsSpan(8), 250_000);

        Assert.Equal(16L << 30, SysctlLayouts.MemSize(memsize));
        Assert.Equal((2L << 30, 1L << 30), SysctlLayouts.SwapUsage(swap));
        Assert.Equal((1.5, 0.75, 0.25), SysctlLayouts.LoadAverage(load));
        Assert.Equal(1_700_000_000, SysctlLayouts.BootTimeSeconds(boot));
    }

    [Fact]
    public void DocumentedLayout_SysctlStructs_ShortOrZeroScaleReadsZero()
    {
        Assert.Equal(0, SysctlLayouts.MemSize(new byte[4]));
        Assert.Equal((0L, 0L), SysctlLayouts.SwapUsage(new byte[16]));
        Assert.Equal((0.0, 0.0, 0.0), SysctlLayouts.LoadAverage(new byte[24]));
        Assert.Equal(0, SysctlLayouts.BootTimeSeconds(new byte[4]));
    }

    private static void Put(byte[] buffer, int offset, uint value) =>
        BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(offset), value);
}
