using System.Globalization;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Psstd.ServiceDefaults.Lifetime;

/// <summary>
/// Stops the host when the process that launched it (the AppHost, named by <c>PSSTD_PARENT_PID</c>)
/// is gone, so a killed AppHost leaves no orphans. Does nothing when the variable is unset.
/// </summary>
/// <remarks>
/// Checked once a second: an orphan outlives its parent by a second at most, and an idle agent wakes for it once a
/// second, not twice (it counts in the agent's idle CPU, bench/RESULTS.md). On Linux the check is one
/// <c>getppid</c> call, not a read of <c>/proc</c>.
/// </remarks>
public sealed partial class ParentProcessWatcher(
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    TimeProvider time,
    ILogger<ParentProcessWatcher> logger) : BackgroundService
{
    public const string Variable = "PSSTD_PARENT_PID";
    private static readonly TimeSpan CheckPeriod = TimeSpan.FromSeconds(1);

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
            return GetParentProcessId() == parent;
        }

        return ProcessProbe.IsRunning(parent);
    }

    // A plain DllImport: the signature is blittable, so nothing is marshalled and no unsafe code is generated.
    [DllImport("libc", EntryPoint = "getppid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int GetParentProcessId();

    [LoggerMessage(EventId = 9001, Level = LogLevel.Warning, Message = "Parent process {ParentPid} is gone; stopping")]
    private static partial void LogParentGone(ILogger logger, int parentPid);
}
