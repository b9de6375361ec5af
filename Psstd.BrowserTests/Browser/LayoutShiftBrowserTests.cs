using System.Globalization;
using Microsoft.Playwright;

namespace Psstd.Tests.Browser;

/// <summary>
/// Live updates move nothing, on the cluster page and the node page, at desktop and at phone width, over several
/// refreshes whose numbers change (digit counts included). Two measures: Chromium's own layout-shift entries (the
/// Layout Instability API behind CLS), observed from before the first render, must stay at zero; and because that
/// API does not count elements that are new in a frame, and htmx swaps in new elements on every refresh, every cell,
/// meter, value and chart must also keep its box to the pixel from one refresh to the next.
/// </summary>
public sealed class LayoutShiftBrowserTests(ITestOutputHelper output) : BrowserTest(output)
{
    private const int Refreshes = 4;

    [Theory]
    [InlineData("?sort=name&theme=dark", 1280, 900)]
    [InlineData("nodes/db-1?theme=light", 1280, 900)]
    [InlineData("?sort=name&theme=light", 390, 844)]
    public async Task Refreshes_WithChangingValues_ShiftNothing(string path, int width, int height)
    {
        var cluster = new SplitCluster();
        await RunAsync(TimeSpan.FromMinutes(3), async run =>
        {
            var dashboard = await run.StartDashboardAsync(cluster.Snapshot, SplitCluster.History);
            var chromium = await run.OpenChromiumAsync(width, height, StepTimeout);
            var page = chromium.Page;
            await PageChecks.AddShiftObserverAsync(page);

            await page.GotoAsync($"{dashboard.Url}{path}");
            await page.EvaluateAsync("() => document.fonts.ready");
            Assert.True(await page.EvaluateAsync<bool>("() => Array.isArray(window.__psstdShifts)"), "the observer did not run");

            // The first render may settle as it likes; from here on, nothing may move.
            var firstRender = await PageChecks.ShiftCountAsync(page);
            var boxes = await BoxesAsync(page);
            var moved = new List<string>();
            for (var i = 0; i < Refreshes; i++)
            {
                cluster.Advance();

                // The poll in flight may have left before the change: the second swap after it surely shows it.
                var swaps = await PageChecks.SwapsAsync(page);
                await page.WaitForFunctionAsync($"() => window.__psstdSwaps >= {(swaps + 2).ToString(CultureInfo.InvariantCulture)}");
                var now = await BoxesAsync(page);
                moved.AddRange(boxes.Where(b => !now.TryGetValue(b.Key, out var box) || box != b.Value).Select(b => $"refresh {i + 1}: {b.Key} {b.Value} -> {now.GetValueOrDefault(b.Key)}"));
            }

            var (sum, detail) = await PageChecks.ShiftsSinceAsync(page, firstRender);
            Output.WriteLine($"{path} at {width}x{height}: cumulative shift {sum:0.0000} over {Refreshes} changes, {boxes.Count} boxes compared: {detail}");
            Assert.True(sum == 0, $"the page shifted by {sum:0.0000} on refresh: {detail}");
            Assert.True(moved.Count == 0, string.Join('\n', moved.Take(40)));

            // The observer does see a shift when one happens: a banner pushed in above the header moves what follows it.
            await page.EvaluateAsync("() => { const p = document.createElement('p'); p.textContent = 'pushed in by the test'; document.body.prepend(p); }");
            await page.WaitForFunctionAsync($"() => window.__psstdShifts.length > {(firstRender + CountOf(detail)).ToString(CultureInfo.InvariantCulture)}");
            Assert.Empty(chromium.PolicyErrors);
        });
    }

    private static int CountOf(string detail) => detail.Length == 0 ? 0 : detail.Split("; ").Length;

    /// <summary>
    /// Where each cell, core line, meter, value and chart is (by a key that survives the swap: its node, its kind and
    /// its place), rounded to the pixel. Texts that only change their own width (a value written right-aligned or at
    /// a line's end) are compared by position and height.
    /// </summary>
    private static async Task<Dictionary<string, string>> BoxesAsync(IPage page)
    {
        var rows = await page.EvaluateAsync<string[]>(
            """
            () => {
                const sel = 'article.node, article.node li, article.node .meter, article.node .meter span, article.node .cpu-split .cs, article.node footer > span, article.node .strip, ' +
                    '#node-detail > *, #node-detail dt, #node-detail dd, #node-detail li, #node-detail .meter, #node-detail .cpu-split .cs, figure.chart, figure.chart .series-now';
                const count = new Map();
                return [...document.querySelectorAll(sel)].map(e => {
                    const owner = e.closest('[data-node]');
                    const base = (owner ? owner.dataset.node : '') + ' ' + e.tagName + '.' + [...e.classList].filter(c => !/^([ps]\d+|low|mid|high|split)$/.test(c)).join('.') + (e.id ? '#' + e.id : '');
                    const n = (count.get(base) || 0) + 1;
                    count.set(base, n);
                    const r = e.getBoundingClientRect();
                    const fixedWidth = e.matches('article.node, li, .meter, figure.chart, #node-detail > *, dd, .strip');
                    return base + ' ' + n + '\t' + [r.x, r.y, fixedWidth ? r.width : -1, r.height].map(Math.round).join(',');
                });
            }
            """);
        return rows.Select(r => r.Split('\t')).ToDictionary(r => r[0], r => r[1], StringComparer.Ordinal);
    }
}
