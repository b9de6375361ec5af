using System.Text.Json;
using Microsoft.Playwright;

namespace Psstd.Tests.Browser;

/// <summary>
/// What the theme, phone and layout-shift tests run inside a page. Both scripts go in through Playwright's init
/// scripts (the DevTools protocol adds them to every new document), not as script elements, so the dashboard's
/// Content-Security-Policy, which allows only its own script files, neither blocks them nor has to be loosened;
/// the tests check that the page logged no policy refusal all the same.
/// </summary>
internal static class PageChecks
{
    /// <summary>The axe-core release vendored under Assets/axe-core (see libman.json).</summary>
    public const string AxeVersion = "4.14.1";

    /// <summary>Contrast (WCAG AA) and a few cheap naming rules: every image, form field, link, button and select has a name.</summary>
    private static readonly string[] AxeRules =
        ["color-contrast", "image-alt", "label", "link-name", "button-name", "select-name", "html-has-lang", "document-title"];

    /// <summary>
    /// Keeps every layout-shift entry the page reports (buffered, so none before the observer is lost) and counts
    /// htmx's settled swaps, so a test can wait for refreshes instead of sleeping.
    /// </summary>
    private const string ShiftObserver = """
        window.__psstdShifts = [];
        window.__psstdSwaps = 0;
        new PerformanceObserver(list => {
            for (const e of list.getEntries()) {
                window.__psstdShifts.push({
                    value: e.value,
                    input: e.hadRecentInput,
                    sources: (e.sources || []).map(s => s.node ? (s.node.nodeName + (s.node.id ? '#' + s.node.id : '') + (s.node.className && s.node.className.baseVal === undefined ? '.' + s.node.className : '')) : '?')
                });
            }
        }).observe({ type: 'layout-shift', buffered: true });
        document.addEventListener('htmx:afterSettle', () => { window.__psstdSwaps++; });
        """;

    public static async Task AddAxeAsync(IPage page)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Assets", "axe-core", "axe.min.js");
        Assert.True(File.Exists(path), $"{path} is missing: the test project copies the vendored axe-core to its output");
        await page.AddInitScriptAsync(scriptPath: path);
    }

    public static Task AddShiftObserverAsync(IPage page) => page.AddInitScriptAsync(ShiftObserver);

    /// <summary>axe's violations of <see cref="AxeRules"/> on the page as it is now, one line per failing element.</summary>
    public static async Task<IReadOnlyList<string>> AxeViolationsAsync(IPage page, string what)
    {
        Assert.Equal(AxeVersion, await page.EvaluateAsync<string>("() => window.axe && window.axe.version"));
        var json = await page.EvaluateAsync<string>(
            """
            async rules => {
                const result = await axe.run(document, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations'] });
                return JSON.stringify(result.violations.flatMap(v => v.nodes.map(n => v.id + ' ' + n.target.join(' ') + ': ' + (n.any.concat(n.all, n.none).map(c => c.message).join('; ')))));
            }
            """,
            AxeRules);
        return [.. (JsonSerializer.Deserialize<string[]>(json) ?? []).Select(v => $"{what}: {v}")];
    }

    /// <summary>How many htmx swaps have settled since the page loaded.</summary>
    public static Task<int> SwapsAsync(IPage page) => page.EvaluateAsync<int>("() => window.__psstdSwaps");

    /// <summary>The layout shifts reported after the first <paramref name="skip"/> entries: their sum and what moved.</summary>
    public static async Task<(double Sum, string Detail)> ShiftsSinceAsync(IPage page, int skip)
    {
        var json = await page.EvaluateAsync<string>("n => JSON.stringify(window.__psstdShifts.slice(n))", skip);
        using var doc = JsonDocument.Parse(json);
        var sum = 0.0;
        var detail = new List<string>();
        foreach (var entry in doc.RootElement.EnumerateArray())
        {
            var value = entry.GetProperty("value").GetDouble();
            sum += value;
            detail.Add($"{value:0.0000} [{string.Join(", ", entry.GetProperty("sources").EnumerateArray().Select(s => s.GetString()))}]");
        }

        return (sum, string.Join("; ", detail));
    }

    public static Task<int> ShiftCountAsync(IPage page) => page.EvaluateAsync<int>("() => window.__psstdShifts.length");

    /// <summary>Where every browser test saves a screenshot: TestResults beside the test assembly.</summary>
    public static string Artifact(string name)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }
}
