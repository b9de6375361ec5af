using System.CommandLine;
using Psstd.Agent.Configuration;
using Psstd.Configuration;

namespace Psstd.Agent.Cli;

/// <summary>
/// <c>psstd-agent</c>'s command line. With no command it runs the agent, configured by the environment
/// as always; the commands talk to the agent that runs, over its socket.
/// </summary>
internal static class AgentCommandLine
{
    /// <summary>The running agent's socket: <c>--socket</c>, else <c>PSSTD_SOCKET</c>, else the per-user default.</summary>
    public static Option<string> SocketOption { get; } = new("--socket")
    {
        Description = "The running agent's local API socket (default: PSSTD_SOCKET, else the per-user default path)",
        Recursive = true,
        HelpName = "path",
    };

    public static RootCommand Create(CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = new RootCommand(
            "psstd-agent: samples this machine, gossips with its peers and serves the cluster on a local socket. "
            + "With no command it runs the agent, configured by PSSTD_* environment variables; a second start on a "
            + "state directory in use shows the running agent's cluster instead.")
        {
            TopCommand.Create(console),
            StatusCommand.Create(console),
            NodesCommand.Create(console),
            ForgetCommand.Create(console),
            SilenceCommand.Create(console),
            DoctorCommand.Create(console),
            HistoryCommand.Create(console),
        };
        root.Options.Add(SocketOption);
        root.SetAction(_ => 0); // Program.cs runs the agent itself when this action is the one parsed
        return root;
    }

    /// <summary>True when no command was given: the process is to run the agent.</summary>
    public static bool RunsAgent(ParseResult parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        return parsed.Errors.Count == 0 && parsed.CommandResult.Command is RootCommand root && ReferenceEquals(parsed.Action, root.Action);
    }

    /// <summary>Parses and runs a command; a <see cref="CliFailureException"/> becomes one line on stderr and its exit code.</summary>
    public static async Task<int> InvokeAsync(RootCommand root, CliConsole console, IReadOnlyList<string> args, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        ArgumentNullException.ThrowIfNull(console);
        var configuration = new InvocationConfiguration
        {
            Output = console.Out,
            Error = console.Error,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null, // the terminal view and the agent's host handle signals themselves
        };
        try
        {
            return await root.Parse(args).InvokeAsync(configuration, cancellationToken);
        }
        catch (CliFailureException failure)
        {
            await console.Error.WriteLineAsync($"psstd-agent: {failure.Message}");
            return failure.ExitCode;
        }
    }

    internal static string SocketPath(ParseResult parsed, CliConsole console) =>
        parsed.GetValue(SocketOption) is { Length: > 0 } given
            ? given
            : console.Environment.TryGetValue(AgentVariables.Socket, out var configured) && configured.Length > 0
                ? configured
                : DefaultPaths.Socket(console.Environment);

    internal static AgentConnection Connect(ParseResult parsed, CliConsole console) => new(SocketPath(parsed, console));
}
