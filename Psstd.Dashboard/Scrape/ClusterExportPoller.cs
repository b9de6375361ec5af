using Psstd.Dashboard.AgentClient;

namespace Psstd.Dashboard.Scrape;

/// <summary>
/// Feeds <see cref="ClusterInstruments"/> for OTLP: asks the local agent for the cluster every <see cref="Period"/>.
/// Runs only when OTLP export is on (see <see cref="ScrapeEndpoints.AddClusterScrape"/>); a failed read leaves
/// the last snapshot to age out rather than exporting a guess.
/// </summary>
public sealed class ClusterExportPoller(IAgentClient agent, ClusterInstruments instruments, TimeProvider time) : BackgroundService
{
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Period, time);
        do
        {
            await PollOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task PollOnceAsync(CancellationToken cancellationToken)
    {
        var result = await agent.GetClusterAsync(cancellationToken);
        if (result.IsOk)
        {
            instruments.Show(result.Value!);
        }
    }
}
