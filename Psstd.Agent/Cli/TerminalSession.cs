using Psstd.Agent.Terminal;

namespace Psstd.Agent.Cli;

/// <summary>Runs the terminal view where it belongs: live on a terminal, plain frames when output is redirected.</summary>
internal static class TerminalSession
{
    public static async Task<int> RunAsync(ISnapshotSource source, CliConsole console, TerminalOptions options, bool once, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(console);
        var loop = new TerminalLoop(source, console.Time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true; // stop the loop and restore the terminal instead of dying mid-frame
            stop.Cancel();
        };
        Console.CancelKeyPress += onCancel;
        try
        {
            return console.OutputRedirected || once
                ? await loop.RunPlainAsync(console.Out, console.Width, options, once, stop.Token)
                : await loop.RunLiveAsync(options, stop.Token);
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
    }
}
