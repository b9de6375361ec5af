using System.Globalization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Psstd.ServiceDefaults.Lifetime;

/// <summary>
/// Stops the host when the process that launched it (the AppHost, named by <c>PSSTD_PARENT_PID</c>)
/// is gone, so a killed AppHost leaves no orphans. Does nothing when the variable is unset.
/// </summary>
public sealed partial class ParentProcessWatcher(
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<ParentProcessWatcher> logger) : BackgroundService
{
    public const string Variable = "PSSTD_PARENT_PID";
    private static readonly TimeSpan CheckPeriod = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!int.TryParse(configuration[Variable], NumberStyles.None, CultureInfo.InvariantCulture, out var parent))
        {
            return;
        }

        using var timer = new PeriodicTimer(CheckPeriod, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            if (!IsAlive(parent))
            {
                LogParentGone(logger, parent);
                lifetime.StopApplication();
                return;
            }
        }
    }

    /// <summary>
    /// On Linux a child is re-parented the moment its parent dies, which no PID reuse can fake;
    /// elsewhere we ask whether a process with that id still runs.
    /// </summary>
    public static bool IsAlive(int parent)
    {
        if (OperatingSystem.IsLinux())
        {
            return ProcessProbe.LinuxStat(Environment.ProcessId)?.ParentId == parent;
        }

        return ProcessProbe.IsRunning(parent);
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "Parent process {ParentPid} is gone; stopping")]
    private static partial void LogParentGone(ILogger logger, int parentPid);
}
