using Psstd.Configuration;

namespace Psstd.Agent.Cli;

/// <summary>
/// What a command reads and writes: the process's own in production, captured ones in tests. Both writers pass
/// through <see cref="PrintableWriter"/>, so nothing a peer wrote can drive the operator's terminal.
/// </summary>
/// <param name="OutputRedirected">Output goes to a file or pipe: the terminal view prints plain frames.</param>
/// <param name="Width">Columns of the terminal, or of the plain frames when redirected.</param>
internal sealed record CliConsole(
    TextWriter Out,
    TextWriter Error,
    IReadOnlyDictionary<string, string> Environment,
    TimeProvider Time,
    bool OutputRedirected,
    int Width)
{
    public TextWriter Out { get; init; } = PrintableWriter.Over(Out);

    public TextWriter Error { get; init; } = PrintableWriter.Over(Error);

    /// <summary>Plain frames are this wide unless <c>COLUMNS</c> says otherwise: two cells side by side.</summary>
    public const int DefaultWidth = 120;

    public static CliConsole FromProcess()
    {
        var env = SettingsReader.ProcessEnvironment();
        var redirected = Console.IsOutputRedirected;
        return new CliConsole(Console.Out, Console.Error, env, TimeProvider.System, redirected, redirected ? ColumnsOr(env, DefaultWidth) : ConsoleWidth());
    }

    public static int ColumnsOr(IReadOnlyDictionary<string, string> env, int fallback) =>
        env.TryGetValue("COLUMNS", out var text) && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var columns) && columns > 0
            ? columns
            : fallback;

    private static int ConsoleWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : DefaultWidth;
        }
        catch (IOException)
        {
            return DefaultWidth;
        }
    }
}
