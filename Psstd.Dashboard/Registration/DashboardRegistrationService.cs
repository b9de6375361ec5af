using Microsoft.Extensions.Logging;
using Psstd.Contracts;
using Psstd.Dashboard.AgentClient;
using Psstd.Dashboard.Configuration;
using Psstd.Dashboard.Diagnostics;

namespace Psstd.Dashboard.Registration;

/// <summary>
/// Keeps this dashboard listed in its agent's record: renews a lease of three intervals every interval, so one
/// lost renewal changes nothing and a dead dashboard is unlisted within seconds. Idle with <c>PSSTD_WEB=false</c>.
/// </summary>
public sealed class DashboardRegistrationService(
    IAgentClient agent,
    DashboardSettings settings,
    TimeProvider time,
    ILogger<DashboardRegistrationService> logger) : BackgroundService
{
    private AgentOutcome? _lastOutcome;

    /// <summary>One renewal. The loop only calls this; tests call it directly.</summary>
    public async Task<AgentResult<string>> TickAsync(CancellationToken cancellationToken)
    {
        var lease = Math.Min(3 * settings.RegistrationInterval.TotalSeconds, DashboardRegistrationRoutes.MaxLeaseSeconds);
        var result = await agent.RegisterDashboardAsync(new DashboardRegistration(settings.AdvertisedUrl, lease), cancellationToken);
        if (result.Outcome != _lastOutcome)
        {
            _lastOutcome = result.Outcome;
            if (result.IsOk)
            {
                DashboardLog.Registered(logger, settings.AdvertisedUrl);
            }
            else if (result.Outcome != AgentOutcome.Unreachable)
            {
                // An unreachable agent has been logged once by the client already: one line per cause.
                DashboardLog.RegistrationFailed(logger, settings.AdvertisedUrl, result.Detail);
            }
        }

        return result;
    }

    /// <summary>Stops renewing, then withdraws (best effort, one second at most): the lease covers a failure.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (settings.AdvertisedUrl.Length == 0)
        {
            return;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(1));
        try
        {
            await agent.WithdrawDashboardAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Our own one-second limit: the lease runs out by itself.
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (settings.AdvertisedUrl.Length == 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(settings.RegistrationInterval, time);
        do
        {
            await TickAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
