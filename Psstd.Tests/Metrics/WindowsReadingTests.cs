using System.Buffers.Binary;
using System.Text;
using Psstd.Agent.Metrics.Windows;
using Psstd.Contracts;

namespace Psstd.Tests.Metrics;

/// <summary>
/// The Windows probe's parsing on buffers laid out as winternl.h documents them (fabricated here; the
/// win-x64 agent's real readings are checked under Wine by WineAgentTests).
/// </summary>
public sealed class WindowsReadingTests
{
    private const long HundredNsPerSecond = 10_000_000;

    [Fact]
    public void ProcessorPerformance_ReadsIdleKernelUserOfEach48ByteEntry()
    {
        var buffer = Processors((Idle: 70, Kernel: 90, User: 30), (Idle: 5, Kernel: 10, User: 85));

        var cores = ProcessorPerformanceParser.Parse(buffer);

        Assert.Equal([new ProcessorTimes(70, 90, 30), new ProcessorTimes(5, 10, 85)], cores);
    }

    [Fact]
    public void ProcessorPerformance_TrailingFragment_IsIgnored()
    {
        var buffer = Processors((Idle: 1, Kernel: 2, User: 3));

        Assert.Single(ProcessorPerformanceParser.Parse(buffer.Concat(new byte[20]).ToArray()));
        Assert.Empty(ProcessorPerformanceParser.Parse(buffer.AsSpan(0, 47)));
    }

    [Fact]
    public void ProcessorTimes_Delta_KernelTimeIncludesIdle()
    {
        // One second of a core: 0.25 s idle, 0.35 s in the kernel besides idle, 0.4 s user.
        var before = new ProcessorTimes(Idle: 100 * HundredNsPerSecond, Kernel: 150 * HundredNsPerSecond, User: 60 * HundredNsPerSecond);
        var after = new ProcessorTimes(
            Idle: before.Idle + (HundredNsPerSecond / 4),
            Kernel: before.Kernel + (HundredNsPerSecond * 6 / 10),
            User: before.User + (HundredNsPerSecond * 4 / 10));

        var delta = ProcessorTimes.Delta(before, after);

        Assert.Equal(HundredNsPerSecond, delta.Total);
        Assert.Equal(75, delta.Percent, 9);
    }

    [Fact]
    public void PageFile_SumsTheChain_AndStopsAtAnEntryThatRunsPastTheBuffer()
    {
        var first = PageFile(next: 0, totalPages: 262_144, usedPages: 1_000, name: @"\??\C:\pagefile.sys");
        var second = PageFile(next: 0, totalPages: 131_072, usedPages: 24, name: @"\??\D:\pagefile.sys");
        BinaryPrimitives.WriteUInt32LittleEndian(first, (uint)first.Length);
        byte[] chain = [.. first, .. second];

        Assert.Equal((393_216L, 1_024L), PageFileParser.Parse(chain));
        Assert.Equal((262_144L, 1_000L), PageFileParser.Parse(chain.AsSpan(0, first.Length + 10)));
        Assert.Equal((0L, 0L), PageFileParser.Parse([]));
    }

    [Fact]
    public void Memory_AvailableIsAvailPhys_SwapIsThePageFilesNotTheCommitLimit()
    {
        var status = new MemoryStatusEx
        {
            TotalPhys = 16UL << 30,
            AvailPhys = 6UL << 30,
            TotalPageFile = 19UL << 30, // commit limit: RAM plus page files
            AvailPageFile = 8UL << 30,
        };

        var metrics = WindowsFigures.WithMemory(NodeMetrics.Empty, status, (TotalPages: 786_432, UsedPages: 1_024), 4_096);

        Assert.Equal(16L << 30, metrics.MemoryTotalBytes);
        Assert.Equal(6L << 30, metrics.MemoryAvailableBytes);
        Assert.Equal(10L << 30, metrics.MemoryUsedBytes);
        Assert.Equal(3L << 30, metrics.SwapTotalBytes);
        Assert.Equal(4L << 20, metrics.SwapUsedBytes);
    }

    [Fact]
    public void Runnable_IsQueuedThreadsPlusBusyCores_AsLinuxCountsRunningTasks()
    {
        Assert.Equal(4, WindowsFigures.Runnable(queueLength: 0, machineBusyPercent: 100, cores: 4));
        Assert.Equal(3.5, WindowsFigures.Runnable(queueLength: 3, machineBusyPercent: 12.5, cores: 4));
        Assert.Equal(0, WindowsFigures.Runnable(queueLength: -1, machineBusyPercent: -5, cores: 8));
    }

    private static byte[] Processors(params (long Idle, long Kernel, long User)[] cores)
    {
        var buffer = new byte[cores.Length * ProcessorPerformanceParser.EntrySize];
        for (int i = 0; i < cores.Length; i++)
        {
            var entry = buffer.AsSpan(i * ProcessorPerformanceParser.EntrySize);
            BinaryPrimitives.WriteInt64LittleEndian(entry, cores[i].Idle);
            BinaryPrimitives.WriteInt64LittleEndian(entry[8..], cores[i].Kernel);
            BinaryPrimitives.WriteInt64LittleEndian(entry[16..], cores[i].User);
            BinaryPrimitives.WriteInt64LittleEndian(entry[24..], 111); // DpcTime: part of kernel time, not read
            BinaryPrimitives.WriteInt64LittleEndian(entry[32..], 222); // InterruptTime: likewise
            BinaryPrimitives.WriteUInt32LittleEndian(entry[40..], 333); // InterruptCount
        }

        return buffer;
    }

    /// <summary>SYSTEM_PAGEFILE_INFORMATION on x64: four ULONGs, a UNICODE_STRING (16 bytes), then the name.</summary>
    private static byte[] PageFile(uint next, uint totalPages, uint usedPages, string name)
    {
        var chars = Encoding.Unicode.GetBytes(name);
        var entry = new byte[32 + chars.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(entry, next);
        BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(4), totalPages);
        BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(8), usedPages);
        BinaryPrimitives.WriteUInt32LittleEndian(entry.AsSpan(12), usedPages + 7); // PeakUsage
        BinaryPrimitives.WriteUInt16LittleEndian(entry.AsSpan(16), (ushort)chars.Length);
        chars.CopyTo(entry, 32);
        return entry;
    }
}
