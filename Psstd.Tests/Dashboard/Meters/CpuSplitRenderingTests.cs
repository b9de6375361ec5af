using System.Globalization;
using System.Text.Encodings.Web;
using AngleSharp.Dom;
using Psstd.Contracts;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Preferences;
using Psstd.Dashboard.Rendering;
using Psstd.Dashboard.Trust;
using Psstd.Dashboard.ViewModels;
using Psstd.Tests.Support;
using static Psstd.Tests.Dashboard.TestSnapshots;
using static Psstd.Tests.Dashboard.Meters.GridCells;

namespace Psstd.Tests.Dashboard.Meters;

/// <summary>htop's two-part bars (user then kernel per core, used then cache for memory) and the machine's CPU split in words.</summary>
public sealed class CpuSplitRenderingTests
{
    private const long Total = 8_375_000_000;
    private const long Used = 3_328_599_655;

    [Fact]
    public void Cores_WithKernelShare_DrawUserThenKernel_AndSayBothInTheTooltip()
    {
        var cell = Cell(Metrics([45.34, 92], kernel: [12.04, 100]));

        // Kernel time is part of busy: a reading above it is cut to it.
        Assert.Equal([120, 920], cell.Cores.Select(c => c.KernelTenths));
        var lines = Render(cell).QuerySelectorAll("article ol.cpus li");
        Assert.Equal(["p45", "s12", "split"], lines[0].ClassList);
        Assert.Equal("cpu0 45.3%: 33.3% user, 12.0% kernel", lines[0].GetAttribute("title"));
        Assert.Equal("45.3%", lines[0].QuerySelector("span")!.TextContent);
        Assert.Equal(["p92", "s92", "split"], lines[1].ClassList);
        Assert.Equal("cpu1 92.0%: 0.0% user, 92.0% kernel", lines[1].GetAttribute("title"));
        Assert.Null(lines[0].GetAttribute("style"));
    }

    [Fact]
    public void Cores_WithoutKernelShare_KeepTheirBandAsBefore()
    {
        var cell = Cell(Metrics([45.34, 92], kernel: []));

        Assert.All(cell.Cores, c => Assert.Null(c.KernelTenths));
        var lines = Render(cell).QuerySelectorAll("article ol.cpus li");
        Assert.Equal(["p45", "low"], lines[0].ClassList);
        Assert.Equal("cpu0 45.3%", lines[0].GetAttribute("title"));
    }

    [Fact]
    public void DenseNode_TheBusiestLinesAreSplitToo_TheStripKeepsItsBands()
    {
        var busy = new double[64];
        busy[7] = 90;
        var kernel = new double[64];
        kernel[7] = 30;
        var doc = Render(Cell(Metrics(busy, kernel)));

        var first = doc.QuerySelector(".busiest li")!;
        Assert.Equal(["p90", "s30", "split"], first.ClassList);
        Assert.Equal("cpu7 90.0%: 60.0% user, 30.0% kernel", first.GetAttribute("title"));
        Assert.Equal("high", doc.QuerySelectorAll(".strip i")[7].ClassName);
    }

    [Fact]
    public void Memory_WithCache_UsedThenCacheBand_ValueStaysTheUsedPart()
    {
        var metrics = Metrics([10], kernel: []) with { MemoryTotalBytes = Total, MemoryUsedBytes = Used, MemoryCacheBytes = 2 * GiB };
        var cell = Cell(metrics);

        Assert.Equal(40, cell.Memory.Percent);
        Assert.Equal(26, cell.Memory.CachePercent);
        Assert.Equal("2.0 GiB cache", cell.Memory.CacheDetail);
        var memory = Render(cell).QuerySelector("article .meter.mem")!;
        Assert.Equal(["meter", "mem", "p66", "s26", "split"], memory.ClassList);
        Assert.Equal("40", memory.GetAttribute("aria-valuenow"));
        Assert.Equal("memory 3.1G/7.8G, 2.0 GiB cache", memory.GetAttribute("aria-label"));
        Assert.Equal("memory: 3.1 GiB / 7.8 GiB, 2.0 GiB cache", memory.GetAttribute("title"));
        Assert.Equal("3.1G/7.8G", memory.QuerySelector(".mem-text")!.TextContent);
    }

    [Fact]
    public void Memory_CacheBandIsCutAtTheTotal_AndWithoutCacheTheMeterIsAsBefore()
    {
        var full = Cell(Metrics([10], kernel: []) with { MemoryTotalBytes = 10 * GiB, MemoryUsedBytes = 8 * GiB, MemoryCacheBytes = 5 * GiB });
        var old = Cell(Metrics([10], kernel: []) with { MemoryTotalBytes = 10 * GiB, MemoryUsedBytes = 8 * GiB });

        Assert.Equal(["meter", "mem", "p100", "s20", "split"], Render(full).QuerySelector(".meter.mem")!.ClassList);
        Assert.Null(old.Memory.CachePercent);
        Assert.Equal("", old.Memory.CacheDetail);
        var meter = Render(old).QuerySelector(".meter.mem")!;
        Assert.Equal(["meter", "mem", "p80", "high"], meter.ClassList);
        Assert.Equal("memory: 8.0 GiB / 10.0 GiB", meter.GetAttribute("title"));
    }

    [Fact]
    public void MachineSplit_InACell_HtopsLabels_TheSentenceInTheTooltip()
    {
        var cell = Cell(Metrics([10], kernel: []) with { CpuShares = new CpuShares(12.4, 3.0, 40.2, 0.0) });

        Assert.Equal(new CpuSplitViewModel(12, 3, 40, 0), cell.CpuSplit);
        var line = Render(cell).QuerySelector("article p.cpu-split")!;
        Assert.Equal("CPU: 12% user, 3% kernel, 40% iowait, 0% steal", line.GetAttribute("title"));
        Assert.Equal("usr12%sys3%wa40%st0%", line.TextContent);
        Assert.Equal(["cs-user", "cs-kernel", "cs-iowait", "cs-steal"], line.QuerySelectorAll(".cs").Select(s => s.ClassList[1]));
        Assert.Null(Render(cell, compact: true).QuerySelector(".cpu-split"));
    }

    [Fact]
    public void MachineSplit_LongForm_IsASentence_AndNothingWithoutShares()
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        CpuSplitHtml.Write(writer, new CpuSplitViewModel(12, 3, 40, 150), longForm: true);
        var line = Html.Parse(writer.ToString()).QuerySelector("p.cpu-split.cpu-split-long")!;

        Assert.Equal("CPU: 12% user, 3% kernel, 40% iowait, 100% steal", line.TextContent);
        Assert.Null(Cell(Metrics([10], kernel: [])).CpuSplit);
        Assert.Null(Render(Cell(Metrics([10], kernel: []))).QuerySelector(".cpu-split"));
    }

    [Fact]
    public void Stylesheet_GivesEverySecondPartClassItsLength()
    {
        var css = File.ReadAllText(Path.Combine(RepositoryRoot.File("Psstd.Dashboard"), "wwwroot", "css", "site.css"));

        for (var s = 0; s <= 100; s++)
        {
            var value = (s / 100.0).ToString("0.##", CultureInfo.InvariantCulture);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $".s{s}{{--s:{value}}}"), css, StringComparison.Ordinal);
        }
    }

    private static NodeMetrics Metrics(double[] busy, double[] kernel) => SampleMetrics(busy.Length) with
    {
        CoreBusyPercent = busy,
        CoreKernelPercent = kernel,
        CpuBusyPercent = busy.Average(),
    };
}
