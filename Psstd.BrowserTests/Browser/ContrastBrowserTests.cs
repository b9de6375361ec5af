using Microsoft.Playwright;

namespace Psstd.Tests.Browser;

/// <summary>
/// axe-core in Chromium: the cluster, node and compare pages in the light and the dark theme, each chosen both by the
/// dashboard's own preference (<c>theme=light</c>) and by the system's colour scheme (<c>theme=auto</c> with
/// prefers-color-scheme emulated), meet WCAG AA contrast and name every image, field, link and control.
/// </summary>
public sealed class ContrastBrowserTests(ITestOutputHelper output) : BrowserTest(output)
{
    private static readonly (string Theme, ColorScheme Scheme, string Shown)[] Themes =
    [
        ("dark", ColorScheme.Light, "dark"),
        ("light", ColorScheme.Dark, "light"),
        ("auto", ColorScheme.Dark, "dark"),
        ("auto", ColorScheme.Light, "light"),
    ];

    private static readonly string[] Pages = ["?sort=name", "nodes/db-1?", "compare?node=web-1&node=db-1&"];

    private static readonly string[] ScreenshotThemes = ["dark", "light"];

    [Fact]
    public async Task EveryPage_InBothThemes_MeetsWcagAaContrast_AndNamesItsControls()
    {
        var cluster = new SplitCluster();
        await RunAsync(TimeSpan.FromMinutes(4), async run =>
        {
            var dashboard = await run.StartDashboardAsync(cluster.Snapshot, SplitCluster.History);
            var chromium = await run.OpenChromiumAsync(1280, 900, StepTimeout);
            var page = chromium.Page;
            await PageChecks.AddAxeAsync(page);

            var violations = new List<string>();
            foreach (var (theme, scheme, shown) in Themes)
            {
                await page.EmulateMediaAsync(new PageEmulateMediaOptions { ColorScheme = scheme });
                foreach (var path in Pages)
                {
                    var separator = path.EndsWith('?') || path.EndsWith('&') ? "" : "&";
                    await page.GotoAsync($"{dashboard.Url}{path}{separator}theme={theme}");
                    await page.WaitForSelectorAsync($"html[data-theme='{theme}']");
                    Assert.Equal(shown, await ShownSchemeAsync(page));
                    violations.AddRange(await PageChecks.AxeViolationsAsync(page, $"{path} theme={theme} ({scheme})"));
                }
            }

            // The node page in both themes, for docs/images.
            foreach (var theme in ScreenshotThemes)
            {
                await page.GotoAsync($"{dashboard.Url}nodes/db-1?theme={theme}");
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = PageChecks.Artifact($"theme-node-{theme}.png"), FullPage = true });
            }

            Assert.True(violations.Count == 0, string.Join('\n', violations));
            Assert.Empty(chromium.PolicyErrors);
        });
    }

    /// <summary>Which scheme the page's colours follow, from the background's lightness: what a reader sees, whatever chose it.</summary>
    private static Task<string> ShownSchemeAsync(IPage page) =>
        page.EvaluateAsync<string>(
            "() => { const [r, g, b] = getComputedStyle(document.body).backgroundColor.match(/\\d+/g).map(Number); return r + g + b > 382 ? 'light' : 'dark'; }");
}
