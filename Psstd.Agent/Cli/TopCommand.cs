using System.CommandLine;
using Psstd.Agent.Terminal;
using Psstd.Contracts;
using Psstd.ClusterView;

namespace Psstd.Agent.Cli;

/// <summary><c>top</c>: the terminal view of the running agent's cluster.</summary>
internal static class TopCommand
{
    public static Option<bool> ListOption { get; } = new("--list") { Description = "One line per node instead of the grid" };

    public static Option<string> SortOption { get; } = CreateSortOption();

    public static Option<bool> OnceOption { get; } = new("--once") { Description = "Print one plain frame and exit" };

    public static Command Create(CliConsole console)
    {
        var command = new Command("top", "Show the cluster in the terminal: per-core bars, memory, load, freshness (q quits, r redraws; plain frames every 2s when output is not a terminal)")
        {
            ListOption,
            SortOption,
            OnceOption,
        };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            using var agent = AgentCommandLine.Connect(parsed, console);
            var source = new SocketSnapshotSource(agent.Client, $"agent {agent.SocketPath}");
            if (await source.ReadAsync(cancellationToken) is null)
            {
                throw AgentConnection.NoAgent(agent.SocketPath);
            }

            return await TerminalSession.RunAsync(source, console, Options(parsed, console), parsed.GetValue(OnceOption), cancellationToken);
        });
        return command;
    }

    public static TerminalOptions Options(ParseResult parsed, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        ArgumentNullException.ThrowIfNull(console);
        return new TerminalOptions(console.Time.GetUtcNow(), TerminalOptions.ParseSort(parsed.GetValue(SortOption) ?? "") ?? SortKey.Name, parsed.GetValue(ListOption));
    }

    private static Option<string> CreateSortOption()
    {
        var option = new Option<string>("--sort")
        {
            Description = "Sort key, as on the dashboard (measures largest first, names A to Z)",
            DefaultValueFactory = _ => TerminalOptions.Token(SortKey.Name),
            HelpName = "key",
        };
        option.AcceptOnlyFromAmong([.. Enum.GetValues<SortKey>().Select(TerminalOptions.Token)]);
        return option;
    }
}
