using System.Globalization;
using Microsoft.Playwright;
using Psstd.AppHost.Running;
using Psstd.Contracts;
using Psstd.Dashboard.Preferences;
using Psstd.Tests.Support;
using static Psstd.Tests.Dashboard.TestSnapshots;

namespace Psstd.Tests.Browser;

/// <summary>
/// Debian's Chromium against three real psstd-dashboard processes over real sockets.
/// </summary>
/// <remarks>
/// All nodes of a local cluster share this machine's CPU, so real agents cannot make exactly one node busy.
/// Each dashboard therefore talks to a <see cref="StandInAgent"/>: a real Kestrel on a real Unix socket that
/// serves the local API with snapshots this test shapes. Everything from the socket up (the dashboard
/// process, its agent client, registration, htmx, the hot-potato redirect, the browser) is the production
/// code; nothing test-only exists in the shipped binaries.
/// </remarks>
public sealed class HotPotatoBrowserTests(ITestOutputHelper output) : BrowserTest(output)
{
    private const int Fillers = 60;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, double> _cpu = new(StringComparer.Ordinal) { ["a"] = 10, ["b"] = 10, ["c"] = 85 };
    private readonly Dictionary<string, Guid> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _urls = new(StringComparer.Ordinal);
    private double _fillerLoad = 0.10;

    [Fact]
    public async Task Browser_UpdatesInPlace_ThenMovesOffABusyNode_KeepingPinAndPreferences_WithoutPingPong()
    {
        var names = new[] { "a", "b", "c" };
        var ports = PortPicker.Pick(TestPorts.Next(), names.Length, udpToo: false);
        await RunAsync(TimeSpan.FromMinutes(4), async run =>
        {
            var agents = new List<StandInAgent>();
            for (var i = 0; i < names.Length; i++)
            {
                var name = names[i];
                _ids[name] = Guid.NewGuid();
                _urls[name] = $"http://127.0.0.1:{ports[i].ToString(CultureInfo.InvariantCulture)}/";
                agents.Add(await run.StartAgentAsync(() => SnapshotFor(name)));
            }

            for (var i = 0; i < names.Length; i++)
            {
                await run.StartDashboardAsync(agents[i], ports[i]);
            }

            // Each real dashboard registered its advertised URL with its agent over the socket.
            for (var i = 0; i < names.Length; i++)
            {
                var agent = agents[i];
                await Eventually.ReturnsAsync($"{names[i]} registers", StepTimeout, _ => Task.FromResult(agent.Registrations.IsEmpty ? null : "yes"));
                Assert.Equal(_urls[names[i]], agent.Registrations.First());
            }

            var chromium = await run.OpenChromiumAsync(1280, 600, StepTimeout);
            var page = chromium.Page;

            var prefs = "psstd_node=a&sort=name&dir=asc&theme=dark&palette=ocean";
            await page.GotoAsync($"{_urls["a"]}?{prefs}");
            Assert.Equal(Fillers + 3, await page.Locator("#nodes article.node").CountAsync());

            // Live: mark this document, scroll, focus a cell, open a details; then change a value on the agent.
            // Open a details first (clicking moves focus), then focus a cell, then scroll: all three must survive.
            await page.EvaluateAsync("() => { window.__psstdMarker = 42; }");
            var detailsId = await page.Locator("article[data-node='filler-31'] details").GetAttributeAsync("id");
            await page.Locator("article[data-node='filler-31'] details summary").ClickAsync();
            var focused = page.Locator("article[data-node='filler-30']");
            await focused.FocusAsync();
            var focusedId = await focused.GetAttributeAsync("id");

            // Keyboard: arrows move between cells in display order.
            await page.Keyboard.PressAsync("ArrowRight");
            Assert.Equal("filler-31", await page.EvaluateAsync<string>("() => document.activeElement.dataset.node"));
            await page.Keyboard.PressAsync("ArrowLeft");
            Assert.Equal(focusedId, await page.EvaluateAsync<string>("() => document.activeElement.id"));
            await page.EvaluateAsync("() => window.scrollTo(0, 400)");
            Assert.Equal(400, await page.EvaluateAsync<int>("() => Math.round(window.scrollY)"));

            lock (_gate)
            {
                _fillerLoad = 0.77;
            }

            await page.WaitForFunctionAsync("() => document.querySelector(\"article[data-node='filler-59'] .load-values\").textContent.startsWith('0.77')");
            Assert.Equal(42, await page.EvaluateAsync<int>("() => window.__psstdMarker"));
            Assert.Equal(400, await page.EvaluateAsync<int>("() => Math.round(window.scrollY)"));
            Assert.Equal(focusedId, await page.EvaluateAsync<string>("() => document.activeElement && document.activeElement.id"));
            Assert.True(await page.EvaluateAsync<bool>($"() => document.getElementById('{detailsId}').open"));
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = PageChecks.Artifact("browser-cluster-live.png"), FullPage = false });

            // a gets busy; b is quiet; c is within the margin of a (85 vs 95), so b is the only candidate.
            SetCpu(("a", 95), ("b", 5));
            await page.WaitForURLAsync(url => url.StartsWith(_urls["b"], StringComparison.Ordinal));
            var atB = Query(page.Url);
            Assert.Equal("a", atB["psstd_node"]);
            Assert.Equal("name", atB["sort"]);
            Assert.Equal("dark", atB["theme"]);
            Assert.Equal("ocean", atB["palette"]);
            Assert.Equal("1", atB["psstd_hops"]);
            await page.WaitForSelectorAsync("html[data-palette='ocean'][data-theme='dark']");

            // Now b gets busy and a quiet again: the browser may move once more (2 hops a minute)...
            SetCpu(("a", 5), ("b", 95));
            await page.WaitForURLAsync(url => url.StartsWith(_urls["a"], StringComparison.Ordinal));
            Assert.Equal("2", Query(page.Url)["psstd_hops"]);

            // ...but when a is busy again within the minute it stays: no ping-pong. The summary proves this
            // page has seen a busy at least twice since.
            SetCpu(("a", 95), ("b", 5));
            var polls = 0;
            page.Response += (_, response) =>
            {
                if (response.Url.StartsWith(_urls["a"], StringComparison.Ordinal) && response.Request.Headers.ContainsKey("hx-request"))
                {
                    Interlocked.Increment(ref polls);
                }
            };
            await page.WaitForFunctionAsync("() => ((document.querySelector('.summary-hottest') || {}).textContent || '').startsWith('busiest a: CPU 95 %')");
            await Eventually.ReturnsAsync("two more polls on a", StepTimeout, _ => Task.FromResult(Volatile.Read(ref polls) >= 2 ? "yes" : null));
            Assert.StartsWith(_urls["a"], page.Url, StringComparison.Ordinal);
            Assert.Equal("a", Query(page.Url)["psstd_node"]);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = PageChecks.Artifact("browser-hot-potato.png"), FullPage = false });

            // Preferences were also remembered in this origin's localStorage: a bare URL gets them back.
            SetCpu(("a", 5), ("b", 5));
            await page.GotoAsync(_urls["a"]);
            await page.WaitForURLAsync(url => url.Contains("palette=ocean", StringComparison.Ordinal) && url.Contains("theme=dark", StringComparison.Ordinal));
            await page.WaitForSelectorAsync("html[data-palette='ocean'][data-theme='dark']");

            // From a cell to that node's page: the preferences come along (this URL has no pin since the bare load), and
            // the page renders its cores.
            // The stand-in agent serves no history or events, so the page says so instead of charting.
            await page.Locator("article[data-node='b'] a.node-page").ClickAsync();
            await page.WaitForURLAsync(url => url.StartsWith($"{_urls["a"]}nodes/b?", StringComparison.Ordinal));
            await page.WaitForSelectorAsync("#node-detail .node-status[data-node='b']");
            Assert.Equal("ocean", Query(page.Url)["palette"]);
            Assert.Equal(4, await page.Locator("#node-detail .node-cores > ol.cpus li").CountAsync());
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = PageChecks.Artifact("browser-node-page.png"), FullPage = true });
            Assert.Empty(chromium.PolicyErrors);
        });
    }

    private static Dictionary<string, string> Query(string url) =>
        UrlQuery.Parse(new Uri(url).Query).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    private void SetCpu(params (string Name, double Cpu)[] values)
    {
        lock (_gate)
        {
            foreach (var (name, cpu) in values)
            {
                _cpu[name] = cpu;
            }
        }
    }

    /// <summary>The cluster as node <paramref name="self"/>'s agent reports it: the same nodes, itself flagged.</summary>
    private ClusterSnapshot SnapshotFor(string self)
    {
        lock (_gate)
        {
            var nodes = new List<NodeSnapshot>();
            foreach (var (name, cpu) in _cpu)
            {
                nodes.Add(Node(name, isSelf: name == self, dashboardUrl: _urls[name], metrics: SampleMetrics(4) with { CpuBusyPercent = cpu, Load1 = 0.1 }) with { Id = _ids[name] });
            }

            for (var i = 0; i < Fillers; i++)
            {
                var id = new Guid(i + 1, 0, 0, new byte[8]);
                nodes.Add(Node($"filler-{i:D2}", metrics: SampleMetrics(4) with { CpuBusyPercent = 10, Load1 = _fillerLoad }) with { Id = id });
            }

            return new ClusterSnapshot("lab", _ids[self], self, LocalVersion, nodes);
        }
    }
}
