using Psstd.Agent.Metrics.Linux;

namespace Psstd.Tests.Metrics;

public sealed class ProcStatParserTests
{
    [Fact]
    public void Parse_CapturedStat_ReadsAggregateAndEveryCore()
    {
        var reading = ProcStatParser.Parse(ProcFixtures.Read("captured/stat"));

        Assert.Equal(new CpuTimes(13584, 0, 3298, 72655, 1324, 0, 38, 18), reading.Aggregate);
        Assert.Equal(
            [
                new CoreTimes(0, new CpuTimes(5892, 0, 1408, 38116, 39, 0, 5, 7)),
                new CoreTimes(1, new CpuTimes(7691, 0, 1890, 34539, 1284, 0, 32, 10)),
            ],
            reading.Cores);
    }

    [Fact]
    public void Parse_128CoreStat_ReadsAllCoresInOrder()
    {
        var reading = ProcStatParser.Parse(ProcFixtures.Read("handmade/stat-128-first"));

        Assert.Equal(128, reading.Cores.Count);
        for (int i = 0; i < 128; i++)
        {
            Assert.Equal(i, reading.Cores[i].Index);
        }

        Assert.Equal(new CpuTimes(200000 + (5 * 1237), 300 + (5 * 7), 90000 + (5 * 311), 4000000 + (5 * 9973), 12000 + (5 * 13), 0, 2500 + (5 * 3), 17 * 5), reading.Cores[5].Times);
    }

    [Fact]
    public void Parse_GuestColumns_AreNotAddedToTotal()
    {
        var reading = ProcStatParser.Parse("cpu0 100 10 50 1000 5 1 2 3 80 7\n");

        Assert.Equal(100 + 10 + 50 + 1000 + 5 + 1 + 2 + 3, reading.Cores[0].Times.Total);
    }

    [Fact]
    public void Parse_OldKernelWithFourColumns_ReadsMissingColumnsAsZero()
    {
        var reading = ProcStatParser.Parse("cpu  10 20 30 40\ncpu0 10 20 30 40\n");

        Assert.Equal(new CpuTimes(10, 20, 30, 40, 0, 0, 0, 0), reading.Aggregate);
        Assert.Equal(new CpuTimes(10, 20, 30, 40, 0, 0, 0, 0), reading.Cores[0].Times);
    }

    [Fact]
    public void Parse_OfflineCoresMissing_KeepsKernelCpuNumbers()
    {
        var reading = ProcStatParser.Parse("cpu  4 0 0 4\ncpu0 1 0 0 1\ncpu2 1 0 0 1\ncpu7 2 0 0 2\n");

        Assert.Equal([0, 2, 7], reading.Cores.Select(c => c.Index));
    }

    [Fact]
    public void Parse_UnreadableCpuLines_AreSkipped()
    {
        const string text = """
            cpu  1 2 3 4 5 6 7 8 9 10
            cpu0 1 2 3
            cpu1 1 2 x 4
            cpuX 1 2 3 4
            cpu2 1 2 3 4 5 6 7 8
            cpu-3 1 2 3 4
            cpu99999999999 1 2 3 4
            intr 1 2 3
            """;

        var reading = ProcStatParser.Parse(text);

        Assert.Equal(new CpuTimes(1, 2, 3, 4, 5, 6, 7, 8), reading.Aggregate);
        Assert.Equal([new CoreTimes(2, new CpuTimes(1, 2, 3, 4, 5, 6, 7, 8))], reading.Cores);
    }

    [Fact]
    public void Parse_NoCpuLines_IsEmpty()
    {
        var reading = ProcStatParser.Parse("intr 1 2 3\nctxt 4\n");

        Assert.Equal(default, reading.Aggregate);
        Assert.Empty(reading.Cores);
    }
}
