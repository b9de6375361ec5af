namespace Psstd.Agent.Ticking;

/// <summary>
/// Runs a short synchronous tick every period in the timer's own callback, for the loops an idle agent runs all
/// the time (gossip rounds, the heartbeat and the store's batch).
/// </summary>
/// <remarks>
/// An awaited <see cref="PeriodicTimer"/> costs a tick two work items: the timer fires on a pool worker, which
/// completes the wait, and the loop's continuation is queued again, which asks the pool for another worker that
/// wakes, finds nothing or little, and sleeps again. Ticking in the callback runs the work on the worker that fired
/// the timer: at five rounds and one heartbeat a second, six wake-ups a second fewer (bench/RESULTS.md, issue 21,
/// fourth pass). A tick that outlasts the period is not run twice at once: the callback that finds one still
/// running returns, so a slow tick makes the next one late, as a periodic timer would. Under a fake clock
/// the ticks run inside its <c>Advance</c>, in order.
/// </remarks>
internal static class Ticker
{
    /// <summary>
    /// Calls <paramref name="tick"/> every <paramref name="period"/> until <paramref name="stoppingToken"/> is cancelled;
    /// the task completes once no tick is running any more. A tick's exception stops the ticks and faults the task.
    /// </summary>
    public static async Task RunAsync(TimeProvider time, TimeSpan period, Action tick, CancellationToken stoppingToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(tick);
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var busy = 0;

        void Fire(object? _)
        {
            if (ended.Task.IsCompleted || Interlocked.Exchange(ref busy, 1) == 1)
            {
                return;
            }

            try
            {
                if (!stoppingToken.IsCancellationRequested)
                {
                    tick();
                }
            }
            catch (Exception ex)
            {
                ended.TrySetException(ex);
            }
            finally
            {
                Volatile.Write(ref busy, 0);
            }
        }

        // The ticks need nothing of the starting context: a timer that does not capture it does not restore it every time.
        var suppress = !ExecutionContext.IsFlowSuppressed();
        if (suppress)
        {
            ExecutionContext.SuppressFlow();
        }

        ITimer timer;
        try
        {
            timer = time.CreateTimer(Fire, null, period, period);
        }
        finally
        {
            if (suppress)
            {
                ExecutionContext.RestoreFlow();
            }
        }

        await using (timer) // disposing waits for a tick still running: after this task, none is
        {
            await using (stoppingToken.Register(() => ended.TrySetResult()))
            {
                await ended.Task.ConfigureAwait(false);
            }
        }
    }
}
