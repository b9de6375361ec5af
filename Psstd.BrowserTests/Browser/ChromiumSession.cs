using Microsoft.Playwright;

namespace Psstd.Tests.Browser;

/// <summary>
/// Debian's Chromium, headless through Playwright, with one page. Content-Security-Policy refusals the page logs
/// are kept: the dashboard allows only its own scripts and styles, so anything it needs that the policy refuses
/// shows up in <see cref="PolicyErrors"/>.
/// </summary>
internal sealed class ChromiumSession : IAsyncDisposable
{
    public const string Executable = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<string> _policyErrors = [];

    private ChromiumSession(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                lock (_policyErrors)
                {
                    _policyErrors.Add(message.Text);
                }
            }
        };
    }

    public IPage Page { get; }

    public IReadOnlyList<string> PolicyErrors
    {
        get
        {
            lock (_policyErrors)
            {
                return [.. _policyErrors];
            }
        }
    }

    /// <param name="options">The page's viewport, scale, touch and colour-scheme emulation.</param>
    /// <param name="stepTimeout">How long one Playwright step may wait.</param>
    public static async Task<ChromiumSession> OpenAsync(BrowserNewPageOptions options, TimeSpan stepTimeout)
    {
        Assert.True(File.Exists(Executable), $"{Executable} is missing: install Debian's chromium (apt-get install -y chromium); this test never downloads a browser.");
        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = Executable,
                Headless = true,
                Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
            });
            var page = await browser.NewPageAsync(options);
            page.SetDefaultTimeout((float)stepTimeout.TotalMilliseconds);
            return new ChromiumSession(playwright, browser, page);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }
}
