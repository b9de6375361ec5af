using Microsoft.Playwright;
using Psstd.AppHost.Running;
using Psstd.Contracts;
using Psstd.Tests.Support;

namespace Psstd.Tests.Browser;

/// <summary>
/// The processes one browser test runs against: stand-in agents, real dashboard processes and a Chromium session.
/// <see cref="RunAsync"/> hands the test a run to start them from and owns them all: if a step throws, every
/// dashboard's log goes to the test output; pass or fail, Chromium closes first, then the dashboards are killed,
/// then the agents stop.
/// </summary>
internal sealed class BrowserRun
{
    private readonly List<StandInAgent> _agents = [];
    private readonly List<DashboardProcess> _dashboards = [];
    private readonly CancellationToken _startLimit;
    private ChromiumSession? _chromium;

    private BrowserRun(CancellationToken startLimit) => _startLimit = startLimit;

    /// <param name="output">Where a failed test's dashboard logs go.</param>
    /// <param name="limit">How long the whole test may spend starting dashboards.</param>
    /// <param name="steps">The test itself.</param>
    public static async Task RunAsync(ITestOutputHelper output, TimeSpan limit, Func<BrowserRun, Task> steps)
    {
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        using var overall = new CancellationTokenSource(limit);
        var run = new BrowserRun(overall.Token);
        try
        {
            await steps(run);
        }
        catch
        {
            foreach (var dashboard in run._dashboards)
            {
                output.WriteLine($"--- dashboard {dashboard.Url}\n{dashboard.Log}");
            }

            throw;
        }
        finally
        {
            await run.StopAsync();
        }
    }

    /// <inheritdoc cref="StandInAgent.StartAsync"/>
    public async Task<StandInAgent> StartAgentAsync(
        Func<ClusterSnapshot> snapshot, Func<string, DateTimeOffset, DateTimeOffset, TimeSpan, NodeHistory?>? history = null)
    {
        var agent = await StandInAgent.StartAsync(snapshot, history);
        _agents.Add(agent);
        return agent;
    }

    /// <summary>A stand-in agent serving <paramref name="snapshot"/> (and <paramref name="history"/>), and a dashboard for it on a free port.</summary>
    public async Task<DashboardProcess> StartDashboardAsync(
        Func<ClusterSnapshot> snapshot, Func<string, DateTimeOffset, DateTimeOffset, TimeSpan, NodeHistory?>? history = null)
    {
        var agent = await StartAgentAsync(snapshot, history);
        return await StartDashboardAsync(agent, PortPicker.Pick(TestPorts.Next(), 1, udpToo: false)[0]);
    }

    public async Task<DashboardProcess> StartDashboardAsync(StandInAgent agent, int port)
    {
        var dashboard = await DashboardProcess.StartAsync(agent.SocketPath, port, _startLimit);
        _dashboards.Add(dashboard);
        return dashboard;
    }

    public Task<ChromiumSession> OpenChromiumAsync(int width, int height, TimeSpan stepTimeout) =>
        OpenChromiumAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = width, Height = height } }, stepTimeout);

    public async Task<ChromiumSession> OpenChromiumAsync(BrowserNewPageOptions options, TimeSpan stepTimeout)
    {
        if (_chromium is not null)
        {
            throw new InvalidOperationException("a run has one Chromium session");
        }

        _chromium = await ChromiumSession.OpenAsync(options, stepTimeout);
        return _chromium;
    }

    /// <summary>Closes the browser, then the dashboards, then the agents; one failing to close does not keep the rest open.</summary>
    private async Task StopAsync()
    {
        try
        {
            if (_chromium is not null)
            {
                await _chromium.DisposeAsync();
            }
        }
        finally
        {
            try
            {
                foreach (var dashboard in _dashboards)
                {
                    dashboard.Dispose();
                }
            }
            finally
            {
                foreach (var agent in _agents)
                {
                    await agent.DisposeAsync();
                }
            }
        }
    }
}
