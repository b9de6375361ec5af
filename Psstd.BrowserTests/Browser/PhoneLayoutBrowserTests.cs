using Microsoft.Playwright;

namespace Psstd.Tests.Browser;

/// <summary>
/// A phone (390 x 844 CSS pixels, scale 2, touch): no page scrolls sideways, cells and meters stack one under the
/// other at full width, and the navigation is on screen and works by tapping, on the cluster page (the grid and the
/// compact rows of a large cluster), the node page and the compare page.
/// </summary>
public sealed class PhoneLayoutBrowserTests(ITestOutputHelper output) : BrowserTest(output)
{
    private const int Width = 390;

    [Fact]
    public async Task PhoneWidth_NoSidewaysScroll_CellsStack_NavigationWorksByTouch()
    {
        var cluster = new SplitCluster();
        await RunAsync(TimeSpan.FromMinutes(3), async run =>
        {
            var dashboard = await run.StartDashboardAsync(cluster.Snapshot, SplitCluster.History);
            var chromium = await run.OpenChromiumAsync(
                new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = Width, Height = 844 }, DeviceScaleFactor = 2, IsMobile = true, HasTouch = true },
                StepTimeout);
            var page = chromium.Page;

            // The cluster page: one column of cells at full width, two columns of core lines inside each.
            await page.GotoAsync($"{dashboard.Url}?sort=name&theme=dark");
            await AssertNoSidewaysScrollAsync(page, "cluster page");
            var cells = await page.Locator("article.node").EvaluateAllAsync<double[][]>("cs => cs.map(c => { const r = c.getBoundingClientRect(); return [r.x, r.width]; })");
            Assert.All(cells, c => Assert.True(c[0] >= 0 && c[0] + c[1] <= Width && c[1] > Width * 0.8, $"a cell at x {c[0]} is {c[1]} px wide"));
            Assert.Single(cells.Select(c => c[0]).Distinct());
            Assert.Equal(
                "usr",
                await page.Locator("article[data-node='db-1'] .cpu-split .cs-user").EvaluateAsync<string>("e => e.firstChild.textContent"));
            await AssertInsideAsync(page, "article[data-node='db-1'] .cpu-split");
            await AssertInsideAsync(page, ".controls select[name='theme']");
            await AssertInsideAsync(page, "a.compare-nodes");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = PageChecks.Artifact("phone-cluster.png") });

            // Navigation by touch: tap a node's name, then the way back.
            await page.Locator("article[data-node='db-1'] a.node-page").TapAsync();
            await page.WaitForURLAsync(url => url.Contains("/nodes/db-1", StringComparison.Ordinal));
            await AssertNoSidewaysScrollAsync(page, "node page");
            await AssertInsideAsync(page, "a.back-link");
            await AssertInsideAsync(page, ".node-cores p.cpu-split");
            await AssertInsideAsync(page, "#chart-net");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = PageChecks.Artifact("phone-node.png"), FullPage = true });

            await page.Locator("a.compare-link").TapAsync();
            await page.WaitForURLAsync(url => url.Contains("/compare?", StringComparison.Ordinal));
            await AssertNoSidewaysScrollAsync(page, "compare page");
            await AssertInsideAsync(page, ".compare-picker button[type='submit']");

            await page.GotoAsync($"{dashboard.Url}nodes/db-1?theme=light");
            await page.Locator("a.back-link").TapAsync();
            await page.WaitForURLAsync(url => !url.Contains("/nodes/", StringComparison.Ordinal));

            // A large cluster's compact rows fold to two lines: name and figures, then the strip and memory.
            cluster.Fill(70);
            await page.GotoAsync($"{dashboard.Url}?sort=name&theme=dark");
            await page.WaitForSelectorAsync(".nodes-compact article.node");
            await AssertNoSidewaysScrollAsync(page, "compact rows");
            await AssertInsideAsync(page, ".nodes-compact article[data-node='db-1'] .meter.mem");
            await AssertInsideAsync(page, ".nodes-compact article[data-node='db-1'] .strip");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = PageChecks.Artifact("phone-compact.png") });
            Assert.Empty(chromium.PolicyErrors);
        });
    }

    private static async Task AssertNoSidewaysScrollAsync(IPage page, string what)
    {
        var (scroll, inner) = (await page.EvaluateAsync<int>("() => document.scrollingElement.scrollWidth"), await page.EvaluateAsync<int>("() => window.innerWidth"));
        if (scroll > inner)
        {
            var wide = await page.EvaluateAsync<string>(
                "w => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w + 0.5).slice(0, 8).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join(', ')",
                inner);
            Assert.Fail($"{what} scrolls sideways: {scroll} px of content in {inner} px; too wide: {wide}");
        }
    }

    /// <summary>The element is visible and wholly within the viewport's width.</summary>
    private static async Task AssertInsideAsync(IPage page, string selector)
    {
        var box = await page.Locator(selector).First.BoundingBoxAsync() ?? throw new InvalidOperationException($"{selector} is not shown");
        Assert.True(box.X >= 0 && box.X + box.Width <= Width + 0.5 && box.Width > 0, $"{selector} spans {box.X} to {box.X + box.Width} of {Width} px");
    }
}
