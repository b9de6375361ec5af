using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.Hosting;
using Psstd.AppHost.Resources;

namespace Psstd.AppHost.Reporting;

/// <summary>
/// Waits until every psstd resource runs and is healthy, then prints the <see cref="ReadyTable"/>. A
/// resource that fails to start or exits first, or a cluster not ready within <see cref="ReadyTimeout"/>,
/// stops the AppHost with the child's own last error line (and, through <see cref="ClusterStartup"/>, exit
/// code 1): it never waits forever.
/// </summary>
public sealed class StartupWatch(
    ClusterPlan plan,
    ResourceNotificationService notifications,
    ResourceLogTail tail,
    AspireDashboardLink dashboardLink,
    ClusterStartup startup,
    IHostApplicationLifetime lifetime,
    TimeProvider time)
{
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    /// <summary>How long a failed child's last words may trail its exit in the log stream.</summary>
    private static readonly TimeSpan LastWordGrace = TimeSpan.FromSeconds(2);

    private static readonly string[] Failed = [KnownResourceStates.FailedToStart, KnownResourceStates.Exited, KnownResourceStates.Finished];

    /// <summary>
    /// Watches from before the resources start (Aspire's <c>BeforeStartEvent</c>): the host's own start waits
    /// for them, so a hosted service would begin only after a failed start had already hung or ended.
    /// </summary>
    public Task Start() => Task.Run(() => WatchAsync(lifetime.ApplicationStopping));

    private async Task WatchAsync(CancellationToken stoppingToken)
    {
        var names = plan.Nodes.SelectMany(n => plan.Spec.Dashboards
            ? new[] { PsstdResourceNames.Agent(n.Name), PsstdResourceNames.Dashboard(n.Name) }
            : [PsstdResourceNames.Agent(n.Name)]).ToList();
        var following = new Dictionary<string, Task>(StringComparer.Ordinal);

        var pending = new HashSet<string>(names, StringComparer.Ordinal);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        deadline.CancelAfter(ReadyTimeout);
        try
        {
            await foreach (var update in notifications.WatchAsync(deadline.Token))
            {
                var name = update.Resource.Name;
                if (names.Contains(name, StringComparer.Ordinal) && !following.ContainsKey(update.ResourceId))
                {
                    following[update.ResourceId] = tail.FollowAsync(name, update.ResourceId, Console.WriteLine, stoppingToken);
                }

                if (!pending.Contains(name))
                {
                    continue;
                }

                var state = update.Snapshot.State?.Text;
                if (state is not null && Failed.Contains(state, StringComparer.Ordinal))
                {
                    await FailAsync(name, $"{state}{(update.Snapshot.ExitCode is { } code ? $" (exit code {code})" : "")}", stoppingToken);
                    return;
                }

                if (state == KnownResourceStates.Running && update.Snapshot.HealthStatus == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy)
                {
                    pending.Remove(name);
                    if (pending.Count == 0)
                    {
                        var table = ReadyTable.Format(plan.Nodes, dashboardLink.LoginUrl);
                        Console.WriteLine(table);
                        startup.Succeeded(table);
                        break;
                    }
                }
            }
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            var waiting = string.Join(", ", pending.Order(StringComparer.Ordinal));
            var reason = $"psstd AppHost: the cluster was not ready within {ReadyTimeout.TotalSeconds:0}s; still waiting for {waiting}";
            await Console.Error.WriteLineAsync(reason);
            foreach (var name in pending)
            {
                if (tail.LastWord(name) is { } word)
                {
                    await Console.Error.WriteLineAsync($"psstd AppHost: {name} said last: {word}");
                }
            }

            Stop(reason);
            return;
        }
        catch (OperationCanceledException)
        {
            // The AppHost is stopping.
        }

        await Task.WhenAll(following.Values);
    }

    private async Task FailAsync(string name, string how, CancellationToken cancellationToken)
    {
        using var grace = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        grace.CancelAfter(LastWordGrace);
        while (tail.LastWord(name) is null && !grace.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), time, grace.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        var word = tail.LastWord(name);
        var reason = $"psstd AppHost: {name} did not start: {how}{(word is null ? " and printed nothing" : $": {word}")}";
        await Console.Error.WriteLineAsync(reason);
        Stop(reason);
    }

    private void Stop(string reason)
    {
        startup.Failed(reason);
        lifetime.StopApplication();
    }
}
