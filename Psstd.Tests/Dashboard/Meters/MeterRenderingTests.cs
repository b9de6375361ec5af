using System.Globalization;
using System.Text.Encodings.Web;
using AngleSharp.Dom;
using Psstd.Contracts;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Formatting;
using Psstd.Dashboard.Preferences;
using Psstd.Dashboard.Rendering;
using Psstd.Dashboard.Trust;
using Psstd.Dashboard.ViewModels;
using Psstd.Tests.Support;
using static Psstd.Tests.Dashboard.TestSnapshots;
using static Psstd.Tests.Dashboard.Meters.GridCells;

namespace Psstd.Tests.Dashboard.Meters;

/// <summary>htop's meters in a cluster cell: the view model, then the HTML as a browser parses it.</summary>
public sealed class MeterRenderingTests
{
    private const long MiB = 1024L * 1024;

    [Theory]
    [InlineData(0, "0K")]
    [InlineData(1023, "1K")]
    [InlineData(512 * 1024, "512K")]
    [InlineData(1023 * 1024 + 900, "1.0M")]
    [InlineData(3_328_599_655, "3.1G")]
    [InlineData(8_375_000_000, "7.8G")]
    [InlineData(16_642_998_272, "15.5G")]
    [InlineData(125L * 1024 * MiB, "125G")]
    [InlineData(1023L * 1024 * MiB + 900 * MiB, "1.0T")]
    [InlineData(-5, "0K")]
    public void HtopSize_PrintsAsHtopsMetersDo_NeverWiderThanFive(long bytes, string expected)
    {
        Assert.Equal(expected, Format.HtopSize(bytes));
        Assert.True(expected.Length <= 5);
    }

    [Fact]
    public void HtopUsedOfTotal_IsUsedSlashTotal()
    {
        Assert.Equal("3.1G/7.8G", Format.HtopUsedOfTotal(3_328_599_655, 8_375_000_000));
        Assert.Equal("0K/0K", Format.HtopUsedOfTotal(0, 0));
    }

    [Theory]
    [InlineData(0.0, 0, "0.0%", "low")]
    [InlineData(45.34, 453, "45.3%", "low")]
    [InlineData(49.96, 500, "50.0%", "mid")]
    [InlineData(79.9, 799, "79.9%", "mid")]
    [InlineData(80.0, 800, "80.0%", "high")]
    [InlineData(100.4, 1000, "100.0%", "high")]
    [InlineData(double.NaN, 0, "0.0%", "low")]
    public void CoreValue_InTenths_TextAndBand(double busy, int tenths, string text, string band)
    {
        Assert.Equal(tenths, Format.Tenths(busy));
        Assert.Equal(text, Format.TenthsText(Format.Tenths(busy)));
        Assert.Equal(band, Format.BandOfTenths(Format.Tenths(busy)));
    }

    [Fact]
    public void TwoCores_TwoMeterLines_InOneColumn_WithLabelBarClassAndText()
    {
        var cell = Cell(Metrics(45.34, 92));

        Assert.Equal([new CoreBarViewModel(45, 453, "low"), new CoreBarViewModel(92, 920, "high")], cell.Cores);
        var cpus = Render(cell).QuerySelector("article ol.cpus")!;
        Assert.Equal(["cpus"], cpus.ClassList);
        var lines = cpus.QuerySelectorAll("li");
        Assert.Equal(2, lines.Length);
        Assert.Equal("0", lines[0].QuerySelector("b")!.TextContent);
        Assert.Equal("45.3%", lines[0].QuerySelector("span")!.TextContent);
        Assert.Equal(["p45", "low"], lines[0].ClassList);
        Assert.Equal("cpu0 45.3%", lines[0].GetAttribute("title"));
        Assert.Equal(["p92", "high"], lines[1].ClassList);
        Assert.Equal("cpu1 92.0%", lines[1].GetAttribute("title"));
        Assert.Null(lines[0].GetAttribute("style"));
    }

    [Fact]
    public void ThirtyTwoCores_StillMeters_InTwoColumns_EveryValueItsOwnLine()
    {
        var busy = Enumerable.Range(0, 32).Select(i => i * 3.2).ToArray();
        var cell = Cell(Metrics(busy));

        Assert.False(cell.DenseCores);
        var doc = Render(cell);
        var cpus = doc.QuerySelector("article ol.cpus")!;
        Assert.Equal(["cpus", "cpus-2"], cpus.ClassList);
        var lines = cpus.QuerySelectorAll("li");
        Assert.Equal(32, lines.Length);
        Assert.Equal(Enumerable.Range(0, 32).Select(i => i.ToString(CultureInfo.InvariantCulture)), lines.Select(l => l.QuerySelector("b")!.TextContent));
        Assert.Equal("99.2%", lines[31].QuerySelector("span")!.TextContent);
        Assert.Equal(["p99", "high"], lines[31].ClassList);
        Assert.Equal(["p51", "mid"], lines[16].ClassList);
        Assert.Null(doc.QuerySelector(".strip"));
        Assert.Null(doc.QuerySelector(".busiest"));
    }

    [Theory]
    [InlineData(64)]
    [InlineData(128)]
    public void ManyCores_StripOfCells_ColouredByBand_WithTheBusiestNamedAbove(int cores)
    {
        // All idle but three: the busiest are named busiest first, whatever their place in the strip.
        var busy = new double[cores];
        busy[5] = 62.5;
        busy[cores - 1] = 97.25;
        busy[cores / 2] = 88;
        var cell = Cell(Metrics(busy));

        Assert.True(cell.DenseCores);
        Assert.Equal([cores - 1, cores / 2, 5], cell.BusiestCores);
        var doc = Render(cell);
        Assert.Null(doc.QuerySelector("article > ol.cpus"));
        var busiest = doc.QuerySelector("article .busiest")!;
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"busiest of {cores}"), busiest.QuerySelector("p")!.TextContent);
        var named = busiest.QuerySelectorAll("ol.cpus li");
        Assert.Equal([(cores - 1).ToString(CultureInfo.InvariantCulture), (cores / 2).ToString(CultureInfo.InvariantCulture), "5"], named.Select(l => l.QuerySelector("b")!.TextContent));
        Assert.Equal(["97.3%", "88.0%", "62.5%"], named.Select(l => l.QuerySelector("span")!.TextContent));
        Assert.Equal(["p97", "high"], named[0].ClassList);
        Assert.Equal(["p63", "mid"], named[2].ClassList);
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"cpu{cores - 1} 97.3%"), named[0].GetAttribute("title"));

        var strip = doc.QuerySelector("article .strip")!;
        Assert.Equal("meter", strip.GetAttribute("role"));
        var cells = strip.QuerySelectorAll("i");
        Assert.Equal(cores, cells.Length);
        Assert.Equal("cpu5 63%", cells[5].GetAttribute("title"));
        Assert.Equal("mid", cells[5].ClassName);
        Assert.Equal("high", cells[cores - 1].ClassName);
        Assert.Equal("low", cells[0].ClassName);
        Assert.Equal("cpu0 0%", cells[0].GetAttribute("title"));
        Assert.Empty(strip.QuerySelectorAll("[style]"));
    }

    [Fact]
    public void Busiest_TiesGoToTheLowerCoreNumber_AndFewCoresNameWhatThereIs()
    {
        CoreBarViewModel[] cores = [new(50, 500, "mid"), new(90, 900, "high"), new(50, 500, "mid"), new(90, 900, "high")];

        Assert.Equal([1, 3, 0], ClusterViewModelBuilder.Busiest(cores, 3));
        Assert.Equal([1, 3, 0, 2], ClusterViewModelBuilder.Busiest(cores, 8));
        Assert.Empty(ClusterViewModelBuilder.Busiest([], 3));
    }

    [Fact]
    public void MemoryAndSwap_PrintUsedOverTotal_AsHtopDoes_WithTheLongFormInTheTooltip()
    {
        var metrics = Metrics(10) with
        {
            MemoryTotalBytes = 8_375_000_000,
            MemoryUsedBytes = 3_328_599_655,
            MemoryAvailableBytes = 8_375_000_000 - 3_328_599_655,
            SwapTotalBytes = 2048 * MiB,
            SwapUsedBytes = 1700 * MiB,
        };
        var cell = Cell(metrics);

        Assert.Equal(new MeterViewModel(40, "low", "3.1G/7.8G", "3.1 GiB / 7.8 GiB"), cell.Memory);
        Assert.Equal(new MeterViewModel(83, "high", "1.7G/2.0G", "1.7 GiB / 2.0 GiB"), cell.Swap);
        var doc = Render(cell);
        var memory = doc.QuerySelector("article .meter.mem")!;
        Assert.Equal("3.1G/7.8G", memory.QuerySelector(".mem-text")!.TextContent);
        Assert.Equal(["meter", "mem", "p40", "low"], memory.ClassList);
        Assert.Equal("40", memory.GetAttribute("aria-valuenow"));
        var swap = doc.QuerySelector("article .meter.swp")!;
        Assert.Equal("Swp", swap.QuerySelector("b")!.TextContent);
        Assert.Equal("1.7G/2.0G", swap.QuerySelector(".swp-text")!.TextContent);
        Assert.Equal(["meter", "swp", "p83", "high"], swap.ClassList);
        Assert.Equal("swap: 1.7 GiB / 2.0 GiB", swap.GetAttribute("title"));
    }

    [Fact]
    public void CompactRow_KeepsToOneLine_StripWithoutNames_MemoryWithoutSwap()
    {
        var cell = Cell(Metrics(Enumerable.Range(0, 64).Select(i => (double)i).ToArray()));

        var doc = Render(cell, compact: true);

        Assert.Null(doc.QuerySelector("ol.cpus"));
        Assert.Null(doc.QuerySelector(".busiest"));
        Assert.Equal(64, doc.QuerySelectorAll(".strip i").Length);
        Assert.NotNull(doc.QuerySelector(".meter.mem"));
        Assert.Null(doc.QuerySelector(".meter.swp"));
        Assert.Equal(2, Render(Cell(Metrics(1, 2)), compact: true).QuerySelectorAll(".strip i").Length);
    }

    [Fact]
    public void HostileValues_AreClamped_IntoTheKnownClasses()
    {
        CoreBarViewModel[] cores = [new(-3, -30, "<x>"), new(250, 2500, "\"y")];

        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        MeterHtml.WriteCores(writer, cores, 400);
        CoreStripHtml.Write(writer, cores, -1);
        var html = writer.ToString();

        Assert.DoesNotContain("<x>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("\"y", html, StringComparison.Ordinal);
        var doc = Html.Parse(html);
        Assert.Equal(["p0", "low"], doc.QuerySelectorAll("li")[0].ClassList);
        Assert.Equal(["p100", "high"], doc.QuerySelectorAll("li")[1].ClassList);
        Assert.Equal("100.0%", doc.QuerySelectorAll("li span")[1].TextContent);
        Assert.Equal("0", doc.QuerySelector(".strip")!.GetAttribute("aria-valuenow"));
    }

    [Fact]
    public void Stylesheet_GivesEveryPercentClassItsLength()
    {
        // The markup has no style attributes: a bar's length exists only if the stylesheet has its class.
        var css = File.ReadAllText(Path.Combine(RepositoryRoot.File("Psstd.Dashboard"), "wwwroot", "css", "site.css"));

        for (var p = 0; p <= 100; p++)
        {
            var value = (p / 100.0).ToString("0.##", CultureInfo.InvariantCulture);
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $".p{p}{{--p:{value}}}"), css, StringComparison.Ordinal);
        }
    }

    private static NodeMetrics Metrics(params double[] busy) => SampleMetrics(busy.Length) with
    {
        CoreBusyPercent = busy,
        CpuBusyPercent = busy.Average(),
    };
}
