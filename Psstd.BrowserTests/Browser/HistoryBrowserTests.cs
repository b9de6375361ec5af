using Microsoft.Playwright;
using Psstd.Contracts;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Browser;

/// <summary>
/// Debian's Chromium against a real psstd-dashboard process whose agent is a <see cref="StandInAgent"/> serving a day
/// of history: the range control, the shared time cursor with values on every chart, and the compare page.
/// </summary>
public sealed class HistoryBrowserTests(ITestOutputHelper output) : BrowserTest(output)
{
    private static readonly string[] Names = ["alpha", "beta", "gamma"];

    private readonly Dictionary<string, Guid> _ids = Names.ToDictionary(n => n, _ => Guid.NewGuid(), StringComparer.Ordinal);

    [Fact]
    public async Task NodePage_SwitchesTo24h_HoverShowsOneCursorAndAValueOnEveryChart_ThenComparesTwoNodes()
    {
        await RunAsync(TimeSpan.FromMinutes(3), async run =>
        {
            var dashboard = await run.StartDashboardAsync(Snapshot, History);
            var chromium = await run.OpenChromiumAsync(1280, 900, StepTimeout);
            var page = chromium.Page;

            // The node page opens on the last hour; the range control switches to the day.
            await page.GotoAsync($"{dashboard.Url}nodes/alpha?theme=dark");
            Assert.Equal("120", await page.Locator("#chart-cpu").GetAttributeAsync("data-cells"));
            await page.Locator(".ranges a[data-range='24h']").ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("range=24h", StringComparison.Ordinal) && url.Contains("theme=dark", StringComparison.Ordinal));
            await page.WaitForSelectorAsync(".ranges a[data-range='24h'][aria-current='true']");
            Assert.Equal("360", await page.Locator("#chart-cpu").GetAttributeAsync("data-cells"));
            Assert.Equal("-24h", await page.Locator("#chart-cpu .axis-time span").First.TextContentAsync());

            // Hover the CPU chart three quarters across: every chart shows the cursor at the same place and a value.
            await HoverAsync(page, "#chart-cpu", 0.75);
            await AssertCursorOnEveryChartAsync(page, expectedCharts: 5);
            var cpuAt = await page.Locator("#chart-cpu .series-now[data-series='avg'] strong").TextContentAsync();
            Assert.Matches(@"^\d{1,3}%$", cpuAt);
            Assert.Matches(@"^\d+(\.\d)? (B|KiB|MiB)/s$", await page.Locator("#chart-net .series-now[data-series='rx'] strong").TextContentAsync() ?? "");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = PageChecks.Artifact("browser-node-history.png"), FullPage = true });

            // Moving away clears the cursor and puts the current values back.
            await page.Mouse.MoveAsync(5, 5);
            await page.WaitForFunctionAsync("() => document.querySelectorAll('figure.chart.cursor-on').length === 0");
            Assert.Equal("now", await page.Locator("#chart-cpu .chart-at").TextContentAsync());

            // Keyboard: a focused chart shows the cursor too, and arrows move it.
            await page.Locator("#chart-load").FocusAsync();
            await AssertCursorOnEveryChartAsync(page, expectedCharts: 5);
            var before = await page.Locator("#chart-disk line.chart-cursor").GetAttributeAsync("x1");
            await page.Keyboard.PressAsync("Shift+ArrowLeft");
            await page.WaitForFunctionAsync($"() => document.querySelector('#chart-disk line.chart-cursor').getAttribute('x1') !== '{before}'");
            Assert.Contains(" at ", await page.Locator("#chart-load").GetAttributeAsync("aria-label") ?? "", StringComparison.Ordinal);

            // Compare: from the node page, alpha is chosen; tick beta in the picker and compare.
            await page.Locator("a.compare-link").ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("/compare?", StringComparison.Ordinal) && url.Contains("node=alpha", StringComparison.Ordinal));
            await page.Locator(".compare-picker input[type='checkbox'][value='beta']").CheckAsync();
            await page.Locator(".compare-picker button[type='submit']").ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("node=beta", StringComparison.Ordinal));
            Assert.Equal(["alpha", "beta"], await page.Locator(".compare-legend li").EvaluateAllAsync<string[]>("items => items.map(i => i.dataset.node)"));
            Assert.Equal(7, await page.Locator("figure.chart").CountAsync());
            Assert.Equal(2, await page.Locator("#chart-cpu path.series").CountAsync());
            Assert.Equal("24h", await page.Locator(".ranges a[aria-current='true']").GetAttributeAsync("data-range"));
            await HoverAsync(page, "#chart-mem", 0.5);
            await AssertCursorOnEveryChartAsync(page, expectedCharts: 7);
            Assert.Matches(@"^\d{1,3}%$", await page.Locator("#chart-cpu .series-now[data-series='n1'] strong").TextContentAsync());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = PageChecks.Artifact("browser-compare.png"), FullPage = true });

            // The cursor survives the page's own refresh (htmx swaps the charts every few seconds).
            var swapped = page.WaitForResponseAsync(r => r.Url.Contains("/compare?", StringComparison.Ordinal) && r.Request.Headers.ContainsKey("hx-request"));
            await swapped;
            await page.WaitForFunctionAsync("() => document.querySelectorAll('figure.chart.cursor-on').length === 7");
            Assert.Empty(chromium.PolicyErrors);
        });
    }

    /// <summary>Moves the mouse over <paramref name="chart"/>'s plot, <paramref name="share"/> of the way across.</summary>
    private static async Task HoverAsync(IPage page, string chart, double share)
    {
        var box = await page.Locator($"{chart} svg").BoundingBoxAsync() ?? throw new InvalidOperationException($"{chart} has no box");
        await page.Mouse.MoveAsync(box.X + (box.Width * (float)share), box.Y + (box.Height / 2));
    }

    /// <summary>Every chart shows the cursor line at the same x and a time instead of "now", and no series is left blank.</summary>
    private static async Task AssertCursorOnEveryChartAsync(IPage page, int expectedCharts)
    {
        await page.WaitForFunctionAsync($"() => document.querySelectorAll('figure.chart.cursor-on').length === {expectedCharts}");
        var lines = await page.Locator("figure.chart line.chart-cursor").EvaluateAllAsync<string[]>(
            "lines => lines.map(l => l.getAttribute('visibility') + ' ' + l.getAttribute('x1'))");
        Assert.Equal(expectedCharts, lines.Length);
        Assert.Single(lines.Distinct());
        Assert.StartsWith("visible ", lines[0], StringComparison.Ordinal);
        var times = await page.Locator("figure.chart .chart-at").AllTextContentsAsync();
        Assert.All(times, t => Assert.Matches(@"^\d\d:\d\d \(", t));
        var values = await page.Locator("figure.chart .series-now strong").AllTextContentsAsync();
        Assert.All(values, v => Assert.False(string.IsNullOrWhiteSpace(v) || v == "no data", $"a series shows '{v}'"));
    }

    private ClusterSnapshot Snapshot()
    {
        var nodes = Names.Select((name, i) => Node(name, isSelf: i == 0, metrics: SampleMetrics(4) with { CpuBusyPercent = 20 + (30 * i) }) with { Id = _ids[name] }).ToArray();
        return new ClusterSnapshot("lab", _ids[Names[0]], Names[0], LocalVersion, nodes);
    }

    /// <summary>One point per bucket from since to until, as the agent averages them: a slow wave, shifted per node.</summary>
    private NodeHistory? History(string node, DateTimeOffset since, DateTimeOffset until, TimeSpan step)
    {
        var n = Array.IndexOf(Names, node);
        if (n < 0)
        {
            return null;
        }

        var start = since.ToUnixTimeMilliseconds() / (long)step.TotalMilliseconds * (long)step.TotalMilliseconds;
        var points = new List<HistoryPoint>();
        for (var at = DateTimeOffset.FromUnixTimeMilliseconds(start); at < until; at += step)
        {
            var phase = (at.ToUnixTimeSeconds() / 3600.0) + n;
            var wave = 0.5 + (0.45 * Math.Sin(phase));
            points.Add(new HistoryPoint(
                at, 100 * wave, Math.Min(100, (100 * wave) + 20), (long)(wave * 8 * GiB), 16 * GiB, 0,
                4 * wave, 3 * wave, 2 * wave, (long)(wave * 50_000_000), (long)(wave * 20_000_000), (long)(wave * 120_000_000), (long)(wave * 30_000_000)));
        }

        return new NodeHistory(_ids[node], node, since, until, step.TotalSeconds, points);
    }
}
