using System.Globalization;
using Microsoft.Playwright;
using Psstd.Contracts;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Browser;

/// <summary>
/// htop's meters in Chromium: per-core lines with their values, the strip of a 128-core node with its busiest named,
/// memory and swap; a live update changes the numbers without moving anything; screenshots in both themes.
/// </summary>
public sealed class MeterBrowserTests(ITestOutputHelper output) : BrowserTest(output)
{
    private const long GiB = 1024L * 1024 * 1024;

    private readonly Lock _gate = new();
    private double _firstCore = 12.5;
    private long _webMemoryUsed = 3_328_599_655;
    private int _fillers;

    [Fact]
    public async Task Meters_ShowEveryCoreAndMemory_WithTheirText_AndALiveUpdateMovesNothing()
    {
        await RunAsync(TimeSpan.FromMinutes(3), async run =>
        {
            var dashboard = await run.StartDashboardAsync(Cluster);
            var chromium = await run.OpenChromiumAsync(1280, 720, StepTimeout);
            var page = chromium.Page;

            await page.GotoAsync($"{dashboard.Url}?sort=name&theme=dark");

            // Two cores: two meter lines, number, value, and a bar as long as the value (up to the text's edge).
            var web = page.Locator("article[data-node='web-1']");
            var lines = web.Locator("ol.cpus li");
            Assert.Equal(2, await lines.CountAsync());
            Assert.True(await lines.Nth(0).IsVisibleAsync());
            Assert.Equal("0", await lines.Nth(0).Locator("b").InnerTextAsync());
            Assert.Equal("12.5%", await lines.Nth(0).Locator("span").InnerTextAsync());
            Assert.Equal("67.0%", await lines.Nth(1).Locator("span").InnerTextAsync());
            var low = await BarWidthAsync(lines.Nth(0));
            var mid = await BarWidthAsync(lines.Nth(1));
            Assert.True(low > 0 && mid > 4 * low, $"bars of 12.5 % and 67 % are {low} and {mid} px");
            Assert.Equal(await FillAsync(page, "--band-low"), await BarColourAsync(lines.Nth(0)));
            Assert.Equal(await FillAsync(page, "--band-mid"), await BarColourAsync(lines.Nth(1)));

            var memory = web.Locator(".meter.mem");
            Assert.True(await memory.IsVisibleAsync());
            Assert.Equal("Mem[", await memory.Locator("b").EvaluateAsync<string>("b => b.textContent + getComputedStyle(b, '::after').content.replaceAll('\"', '')"));
            Assert.Equal("3.1G/7.8G", await memory.Locator(".mem-text").InnerTextAsync());
            Assert.Equal("0K/0K", await web.Locator(".meter.swp .swp-text").InnerTextAsync());

            // web-2's agent reports the split: user green then kernel red per core, cache yellow after used memory, and the
            // machine's split in words. web-1's does not, and keeps one band colour per bar (above).
            var split = page.Locator("article[data-node='web-2'] ol.cpus li").Nth(1);
            Assert.Equal("cpu1 21.3%: 16.0% user, 5.3% kernel", await split.GetAttributeAsync("title"));
            Assert.Equal(await FillAsync(page, "--band-low"), await BarColourAsync(split));
            Assert.Equal(await FillAsync(page, "--band-high"), await split.Locator("span").EvaluateAsync<string>("s => getComputedStyle(s, '::after').backgroundImage.match(/rgb\\([^)]*\\)/)[0]"));
            var kernelWidth = await split.Locator("span").EvaluateAsync<string>("s => getComputedStyle(s, '::after').width");
            Assert.NotEqual("0px", kernelWidth);
            var cached = page.Locator("article[data-node='web-2'] .meter.mem span");
            Assert.Equal(await FillAsync(page, "--band-mid"), await cached.EvaluateAsync<string>("s => getComputedStyle(s, '::after').backgroundImage.match(/rgb\\([^)]*\\)/)[0]"));
            Assert.Equal("CPU: 30% user, 8% kernel, 40% iowait, 1% steal", await page.Locator("article[data-node='web-2'] .cpu-split").GetAttributeAsync("title"));
            Assert.Equal(0, await web.Locator(".cpu-split").CountAsync());

            // 32 cores are still meters; 128 are a strip with the busiest named above it.
            Assert.Equal(32, await page.Locator("article[data-node='gpu-1'] ol.cpus li").CountAsync());
            var big = page.Locator("article[data-node='big-1']");
            Assert.True(await big.Locator(".busiest").IsVisibleAsync());
            Assert.Equal("busiest of 128", await big.Locator(".busiest p").InnerTextAsync());
            Assert.Equal(["127", "3", "64"], await big.Locator(".busiest li b").AllInnerTextsAsync());
            Assert.Equal(["99.9%", "91.0%", "85.5%"], await big.Locator(".busiest li span").AllInnerTextsAsync());
            Assert.Equal(128, await big.Locator(".strip i").CountAsync());
            Assert.True(await big.Locator(".strip").IsVisibleAsync());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = PageChecks.Artifact("browser-meters-dark.png"), FullPage = true });

            // A live update: new values, same places. Every cell and meter keeps its box to the pixel.
            var before = await BoxesAsync(page);
            lock (_gate)
            {
                _firstCore = 100;
                _webMemoryUsed = 7_900_000_000;
            }

            await page.WaitForFunctionAsync("() => document.querySelector(\"article[data-node='web-1'] ol.cpus li span\").textContent === '100.0%'");
            Assert.Equal("7.4G/7.8G", await memory.Locator(".mem-text").InnerTextAsync());
            Assert.Equal(before, await BoxesAsync(page));
            Assert.Equal(await FillAsync(page, "--band-high"), await BarColourAsync(lines.Nth(0)));

            await page.GotoAsync($"{dashboard.Url}?sort=name&theme=light");
            await page.WaitForSelectorAsync("html[data-theme='light'] article[data-node='web-1'] ol.cpus li");
            Assert.True(await page.Locator("article[data-node='web-1'] .meter.mem").IsVisibleAsync());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = PageChecks.Artifact("browser-meters-light.png"), FullPage = true });

            // The node page: the same meters, as many columns as its width allows; 128 cores are the strip and the busiest.
            await page.GotoAsync($"{dashboard.Url}nodes/gpu-1?theme=dark");
            Assert.Equal(32, await page.Locator("#node-detail .node-cores > ol.cpus li").CountAsync());
            Assert.True(await page.Locator("#node-detail .node-cores .meter.mem").IsVisibleAsync());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = PageChecks.Artifact("browser-meters-node.png"), FullPage = true });
            await page.GotoAsync($"{dashboard.Url}nodes/big-1?theme=dark");
            Assert.Equal(["127", "3", "64"], await page.Locator("#node-detail .busiest li b").AllInnerTextsAsync());

            // From 64 nodes, one compact row each: the strip and the memory meter on one line.
            lock (_gate)
            {
                _fillers = 70;
            }

            await page.GotoAsync($"{dashboard.Url}?sort=name&theme=dark");
            var row = page.Locator(".nodes-compact article[data-node='web-2']");
            Assert.Equal(8, await row.Locator(".strip i").CountAsync());
            Assert.True(await row.Locator(".strip").IsVisibleAsync());
            Assert.Equal("12.0G/16.0G", await row.Locator(".meter.mem .mem-text").InnerTextAsync());
            var rowHeight = await row.EvaluateAsync<double>("e => e.getBoundingClientRect().height");
            Assert.True(rowHeight < 30, $"a compact row is {rowHeight} px high");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = PageChecks.Artifact("browser-meters-compact.png"), FullPage = false });
            Assert.Empty(chromium.PolicyErrors);
        });
    }

    /// <summary>The drawn length of a meter's bar (its <c>::before</c>), in CSS pixels.</summary>
    private static async Task<double> BarWidthAsync(ILocator line) =>
        double.Parse(
            (await line.Locator("span").EvaluateAsync<string>("s => getComputedStyle(s, '::before').width")).Replace("px", "", StringComparison.Ordinal),
            CultureInfo.InvariantCulture);

    private static Task<string> BarColourAsync(ILocator line) =>
        line.Locator("span").EvaluateAsync<string>("s => getComputedStyle(s, '::before').backgroundImage.match(/rgb\\([^)]*\\)/)[0]");

    /// <summary>A palette colour as the browser resolves it (<c>rgb(...)</c>), to compare with a bar's.</summary>
    private static Task<string> FillAsync(IPage page, string property) =>
        page.EvaluateAsync<string>(
            "p => { const e = document.createElement('i'); e.style.color = getComputedStyle(document.documentElement).getPropertyValue(p); document.body.append(e); const c = getComputedStyle(e).color; e.remove(); return c; }",
            property);

    /// <summary>Where every cell, meter line and meter text is, rounded to the pixel.</summary>
    private static Task<string> BoxesAsync(IPage page) =>
        page.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('article.node, article.node li, article.node .meter, article.node .meter span, article.node .busiest, article.node .strip, article.node footer span')]" +
            ".map(e => { const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height].map(Math.round).join(','); }).join(' ')");

    /// <summary>Five nodes from 2 to 128 cores; web-1's first core and memory are what the test changes.</summary>
    private ClusterSnapshot Cluster()
    {
        lock (_gate)
        {
            var web = SampleMetrics(2) with
            {
                CoreBusyPercent = [_firstCore, 67],
                CpuBusyPercent = (_firstCore + 67) / 2,
                MemoryTotalBytes = 8_375_000_000,
                MemoryUsedBytes = _webMemoryUsed,
                MemoryAvailableBytes = 8_375_000_000 - _webMemoryUsed,
                SwapTotalBytes = 0,
                SwapUsedBytes = 0,
            };
            var bigCores = Enumerable.Range(0, 128).Select(i => i switch { 127 => 99.9, 3 => 91, 64 => 85.5, _ => i * 37 % 80 }).Select(v => (double)v).ToArray();
            NodeSnapshot[] nodes =
            [
                Node("web-1", isSelf: true, metrics: web) with { Id = new Guid(1, 0, 0, new byte[8]) },
                Node("web-2", metrics: Varied(8, 3, 12 * GiB, 16 * GiB) with
                {
                    // An agent that reports the split: each core's kernel part, the machine's shares, the cache.
                    CoreKernelPercent = [.. Enumerable.Range(0, 8).Select(i => (double)(i * 3 * 7 % 100) / 4)],
                    CpuShares = new CpuShares(30, 8, 40, 1),
                    MemoryCacheBytes = 2 * GiB,
                }) with { Id = new Guid(2, 0, 0, new byte[8]) },
                Node("db-1", metrics: Varied(16, 5, 50 * GiB, 64 * GiB)) with { Id = new Guid(3, 0, 0, new byte[8]) },
                Node("gpu-1", metrics: Varied(32, 11, 100 * GiB, 125 * GiB)) with { Id = new Guid(4, 0, 0, new byte[8]) },
                Node("big-1", metrics: SampleMetrics(128) with
                {
                    CoreBusyPercent = bigCores,
                    CpuBusyPercent = bigCores.Average(),
                    MemoryTotalBytes = 512 * GiB,
                    MemoryUsedBytes = 300 * GiB,
                    SwapTotalBytes = 8 * GiB,
                    SwapUsedBytes = GiB,
                }) with { Id = new Guid(5, 0, 0, new byte[8]) },
            ];
            var fillers = Enumerable.Range(0, _fillers)
                .Select(i => Node($"zz-{i:D2}", metrics: Varied(4 + (i % 3 * 6), i + 1, (i + 1) * GiB / 4, 32 * GiB)) with { Id = new Guid(100 + i, 0, 0, new byte[8]) });
            return new ClusterSnapshot("lab", nodes[0].Id, "web-1", LocalVersion, [.. nodes, .. fillers]);
        }
    }

    private static NodeMetrics Varied(int cores, int step, long used, long total)
    {
        var busy = Enumerable.Range(0, cores).Select(i => (double)(i * step * 7 % 100) + 0.3).ToArray();
        return SampleMetrics(cores) with
        {
            CoreBusyPercent = busy,
            CpuBusyPercent = busy.Average(),
            MemoryTotalBytes = total,
            MemoryUsedBytes = used,
            MemoryAvailableBytes = total - used,
            SwapTotalBytes = 4 * GiB,
            SwapUsedBytes = 600L * 1024 * 1024,
        };
    }
}
