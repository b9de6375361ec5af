using Spectre.Console;

namespace Psstd.Agent.Terminal;

/// <summary>
/// Shows the terminal view until stopped: live on a terminal (Spectre.Console; <c>q</c> quits, <c>r</c>
/// redraws, Ctrl+C stops), or as plain frames every <see cref="PlainEvery"/> when output goes to a file or
/// pipe, so it can be logged.
/// </summary>
internal sealed class TerminalLoop(ISnapshotSource source, TimeProvider time)
{
    /// <summary>How often a terminal redraws: as often as agents publish by default.</summary>
    public static readonly TimeSpan LiveEvery = TimeSpan.FromSeconds(1);

    /// <summary>Plain output repeats less often: it goes to logs.</summary>
    public static readonly TimeSpan PlainEvery = TimeSpan.FromSeconds(2);

    /// <param name="once">Print one frame and return (scripts, tests).</param>
    /// <returns>0, or 1 when <paramref name="once"/> and the source had nothing.</returns>
    public async Task<int> RunPlainAsync(TextWriter output, int width, TerminalOptions options, bool once, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        using var timer = new PeriodicTimer(PlainEvery, time);
        do
        {
            var snapshot = await source.ReadAsync(cancellationToken);
            var stamped = options with { Now = time.GetUtcNow(), Source = source.Description };
            if (snapshot is null)
            {
                await output.WriteLineAsync($"{stamped.Now:yyyy-MM-dd HH:mm:ss}Z {source.Description}: no answer".AsMemory(), cancellationToken);
            }
            else
            {
                await output.WriteAsync(TerminalRenderer.Render(snapshot, width, stamped).ToPlainText().AsMemory(), cancellationToken);
            }

            await output.FlushAsync(cancellationToken);
            if (once)
            {
                return snapshot is null ? 1 : 0;
            }
        }
        while (await WaitAsync(timer, cancellationToken));

        return 0;
    }

    /// <summary>Live view on the console until <c>q</c> or cancellation.</summary>
    public async Task<int> RunLiveAsync(TerminalOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var console = AnsiConsole.Console;
        console.Clear();
        var target = new Markup("");
        await console.Live(target).AutoClear(true).Overflow(VerticalOverflow.Crop).StartAsync(async live =>
        {
            var keys = new PeriodicTimer(TimeSpan.FromMilliseconds(100), time);
            using (keys)
            {
                var last = long.MinValue;
                var redraw = true;
                do
                {
                    switch (ReadKey())
                    {
                        case 'q' or 'Q':
                            return;
                        case 'r' or 'R':
                            console.Clear();
                            redraw = true;
                            break;
                    }

                    if (redraw || time.GetElapsedTime(last) >= LiveEvery)
                    {
                        redraw = false;
                        last = time.GetTimestamp();
                        var snapshot = await source.ReadAsync(cancellationToken);
                        var stamped = options with { Now = time.GetUtcNow(), Source = source.Description, Interactive = true };
                        var text = snapshot is null
                            ? $"[red]{Markup.Escape(source.Description)}: no answer[/] · q quit"
                            : TerminalRenderer.Render(snapshot, console.Profile.Width, stamped).ToMarkup();
                        live.UpdateTarget(new Markup(text));
                        live.Refresh();
                    }
                }
                while (await WaitAsync(keys, cancellationToken));
            }
        });
        return 0;
    }

    private static char? ReadKey()
    {
        try
        {
            return Console.KeyAvailable ? Console.ReadKey(intercept: true).KeyChar : null;
        }
        catch (InvalidOperationException)
        {
            return null; // input redirected: only Ctrl+C stops
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
