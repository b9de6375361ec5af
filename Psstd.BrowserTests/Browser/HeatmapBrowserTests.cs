using Microsoft.Playwright;
using Psstd.Contracts;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Browser;

/// <summary>
/// The cluster heatmap in Chromium against a real dashboard process whose agent is a <see cref="StandInAgent"/>
/// serving 1,000 tagged nodes, then 10,000: squares link to node pages and carry their values in their titles, a change
/// of one node redraws that square alone, a tag filter narrows the map, and 10,000 squares fit a 1280x800 screen.
/// </summary>
public sealed class HeatmapBrowserTests(ITestOutputHelper output) : BrowserTest(output)
{
    private const int Width = 1280;
    private const int Height = 800;
    /// <summary>Twice what the other browser tests allow a step: this one draws up to 10,000 squares.</summary>
    private static readonly TimeSpan HeatmapStepTimeout = TimeSpan.FromSeconds(60);
    private static readonly string[] Roles = ["web", "db", "cache", "batch", "gpu"];

    private readonly Lock _gate = new();
    private NodeSnapshot[] _nodes = Nodes(1000);

    [Fact]
    public async Task Heatmap_LinksSquares_ShowsValues_UpdatesOneSquareLive_FiltersByTag_AndFits10000()
    {
        await RunAsync(TimeSpan.FromMinutes(5), async run =>
        {
            var dashboard = await run.StartDashboardAsync(Snapshot);
            var chromium = await run.OpenChromiumAsync(Width, Height, HeatmapStepTimeout);
            var page = chromium.Page;

            // 1,000 nodes are past the default threshold: the bare page is the heatmap.
            await page.GotoAsync($"{dashboard.Url}?theme=dark");
            await page.WaitForFunctionAsync("() => document.querySelectorAll('#heatmap a').length === 1000");
            Assert.Equal(Roles.Order(StringComparer.Ordinal), await page.Locator(".hm-label").EvaluateAllAsync<string[]>("ls => ls.map(l => l.firstChild.textContent.trim())"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = PageChecks.Artifact("browser-heatmap-1000.png") });

            // A square links to its node's page and has its values and tags in its title.
            var target = _nodes[7];
            var square = page.Locator($"#h{target.Id:N}");
            Assert.Equal($"/nodes/{target.Name}?theme=dark", await square.GetAttributeAsync("href"));
            Assert.Equal(
                $"{target.Name} · fresh · cpu 12% · mem 50% · load 0.25/core · disk none · swap none · rack=r3 zone=eu",
                await square.GetAttributeAsync("title"));
            Assert.Equal("b1 s-fresh", await square.GetAttributeAsync("class"));
            await square.HoverAsync();
            Assert.Equal("2px", await square.EvaluateAsync<string>("a => getComputedStyle(a).outlineWidth"));

            // One node gets busy: its square alone is redrawn (the stream sends it alone), every other keeps its class.
            var before = await ClassesAsync(page);
            lock (_gate)
            {
                _nodes[7] = target with { Sequence = target.Sequence + 1, Metrics = target.Metrics with { CpuBusyPercent = 97 } };
            }

            await page.WaitForFunctionAsync($"() => document.getElementById('h{target.Id:N}').classList.contains('b9')");
            Assert.Equal("1", await page.Locator("#heatmap").GetAttributeAsync("data-last-squares"));
            Assert.Contains(" · cpu 97% · ", await square.GetAttributeAsync("title") ?? "", StringComparison.Ordinal);
            var after = await ClassesAsync(page);
            Assert.Equal(
                [$"h{target.Id:N}"],
                before.Where(b => after[b.Key] != b.Value).Select(b => b.Key));

            // The square opens the node page, which lists the tags.
            await square.ClickAsync();
            await page.WaitForURLAsync(url => url.Contains($"/nodes/{target.Name}", StringComparison.Ordinal));
            Assert.Equal("rack=r3 zone=eu", await page.Locator("dd[data-fact='tags']").TextContentAsync());

            // A tag filter from the form: a quarter of the nodes, grouped as before, the filter shown with a way out.
            await page.GotoAsync($"{dashboard.Url}?view=heatmap&theme=dark");
            await page.Locator(".hm-controls input.tag-input").FillAsync("rack=r1");
            await page.Locator(".hm-controls button[type='submit']").ClickAsync();
            await page.WaitForURLAsync(url => url.Contains("tag=rack%3Dr1", StringComparison.Ordinal));
            Assert.Equal(250, await page.Locator("#heatmap a").CountAsync());
            Assert.Equal("rack=r1", await page.Locator(".tag-filter").GetAttributeAsync("data-tag"));
            Assert.All(await page.Locator("#heatmap a").EvaluateAllAsync<string[]>("as => as.map(a => a.title)"), t => Assert.Contains("rack=r1", t, StringComparison.Ordinal));

            // 10,000 nodes fit one 1280x800 screen.
            lock (_gate)
            {
                _nodes = Nodes(10_000);
            }

            await page.GotoAsync($"{dashboard.Url}?theme=dark");
            await page.WaitForFunctionAsync("() => document.querySelectorAll('#heatmap a').length === 10000");
            var height = await page.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
            var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = PageChecks.Artifact("browser-heatmap-10000.png") });
            Assert.True(height <= Height && width <= Width, $"the page is {width}x{height}");
            Assert.Empty(chromium.PolicyErrors);
        });
    }

    /// <summary>Every square's class by its id.</summary>
    private static async Task<Dictionary<string, string>> ClassesAsync(IPage page) =>
        (await page.Locator("#heatmap a").EvaluateAllAsync<string[][]>("as => as.map(a => [a.id, a.className])"))
            .ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private ClusterSnapshot Snapshot()
    {
        lock (_gate)
        {
            return new ClusterSnapshot("lab", _nodes[0].Id, _nodes[0].Name, LocalVersion, _nodes);
        }
    }

    /// <summary>
    /// Nodes in five roles (groups by name prefix), four racks and two zones, with spread-out figures and a few in
    /// each unhealthy state. Node 7 is cache-0007 at 12 % CPU in rack r3, zone eu: the one the test changes.
    /// </summary>
    private static NodeSnapshot[] Nodes(int count) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var cpu = i == 7 ? 12 : i * 37 % 100 + 0.5;
            var health = (i % 97) switch
            {
                13 => NodeHealth.Stale,
                29 => NodeHealth.Suspect,
                41 => NodeHealth.Offline,
                53 => NodeHealth.Left,
                _ => NodeHealth.Fresh,
            };
            var metrics = SampleMetrics(8) with
            {
                CpuBusyPercent = cpu,
                MemoryTotalBytes = 64 * GiB,
                MemoryUsedBytes = i == 7 ? 32 * GiB : i * 13 % 64 * GiB,
                Load1 = i == 7 ? 2 : i % 11,
            };
            return Node($"{Roles[i % Roles.Length]}-{i:D4}", health, isSelf: i == 0, metrics: metrics) with
            {
                Id = new Guid(i + 1, 0, 0, new byte[8]),
                Tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["rack"] = $"r{i % 4}", ["zone"] = i % 2 == 0 ? "us" : "eu" },
            };
        }).ToArray();
}
