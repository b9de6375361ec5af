using System.CommandLine;
using System.Net;
using Psstd.Agent.Terminal;
using Psstd.Contracts;

namespace Psstd.Agent.Cli;

/// <summary>
/// <c>silence add|list|remove</c>: hold alert notifications back for a while, cluster-wide. A silence is set on this
/// agent and carried by this node's record to every peer; it is ended on the node that set it.
/// </summary>
internal static class SilenceCommand
{
    private static readonly string[] Headings = ["ID", "RULE", "NODE", "LEFT", "SET ON", "COMMENT"];

    public static Option<string> RuleOption { get; } = new("--rule") { Description = "Rule name pattern ('*' any run, '?' one character); default: every rule", HelpName = "pattern" };

    public static Option<string> NodeOption { get; } = new("--node") { Description = "Node name pattern; default: every node", HelpName = "pattern" };

    public static Option<string> ForOption { get; } = new("--for") { Description = "How long, from 1m to 30d (e.g. 30m, 2h, 1d)", HelpName = "duration", Required = true };

    public static Option<string> CommentOption { get; } = new("--comment") { Description = "Why, for whoever sees it (at most 80 bytes)", HelpName = "text" };

    public static Argument<string> IdArgument { get; } = new("id") { Description = "The silence's id, as list prints it" };

    public static Command Create(CliConsole console)
    {
        var add = new Command("add", "Hold back notifications of matching alerts on every agent, for a while") { RuleOption, NodeOption, ForOption, CommentOption };
        add.SetAction(async (parsed, cancellationToken) =>
        {
            using var agent = AgentCommandLine.Connect(parsed, console);
            var query = $"?rule={Escape(parsed.GetValue(RuleOption))}&node={Escape(parsed.GetValue(NodeOption))}&for={Escape(parsed.GetValue(ForOption))}&comment={Escape(parsed.GetValue(CommentOption))}";
            using var response = await agent.SendAsync(new HttpRequestMessage(HttpMethod.Post, LocalApiRoutes.Silences + query), cancellationToken);
            var body = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
            if (response.StatusCode == HttpStatusCode.BadRequest)
            {
                throw new CliFailureException($"silence refused: {body}", 2);
            }

            await agent.EnsureSuccessAsync(response, $"POST {LocalApiRoutes.Silences}", cancellationToken);
            await console.Out.WriteLineAsync($"silence {body} set: it spreads to every peer with this node's next record");
            return 0;
        });

        var list = new Command("list", "List the silences running in the cluster, whichever node set them");
        list.SetAction(async (parsed, cancellationToken) =>
        {
            using var agent = AgentCommandLine.Connect(parsed, console);
            var snapshot = await agent.GetAsync(LocalApiRoutes.Cluster, LocalApiJsonContext.Default.ClusterSnapshot, cancellationToken);
            await console.Out.WriteAsync(Format(snapshot.Silences));
            return 0;
        });

        var remove = new Command("remove", "End a silence set on this node early") { IdArgument };
        remove.SetAction(async (parsed, cancellationToken) =>
        {
            var id = parsed.GetValue(IdArgument)!;
            using var agent = AgentCommandLine.Connect(parsed, console);
            var path = Guid.TryParse(id, out var parsedId) ? LocalApiRoutes.SilenceOf(parsedId) : throw new CliFailureException($"'{id}' is not a silence id", 2);
            using var response = await agent.SendAsync(new HttpRequestMessage(HttpMethod.Delete, path), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw new CliFailureException((await response.Content.ReadAsStringAsync(cancellationToken)).Trim(), 1);
            }

            await agent.EnsureSuccessAsync(response, $"DELETE {path}", cancellationToken);
            await console.Out.WriteLineAsync($"silence {parsedId:D} ended: peers see it with this node's next record");
            return 0;
        });

        return new Command("silence", "Hold back alert notifications for a while, cluster-wide (set, listed and ended here)") { add, list, remove };
    }

    public static string Format(IReadOnlyList<AlertSilence> silences)
    {
        ArgumentNullException.ThrowIfNull(silences);
        if (silences.Count == 0)
        {
            return "no silences running\n";
        }

        var rows = new List<string[]> { Headings };
        foreach (var s in silences)
        {
            rows.Add(
            [
                s.Id.ToString("D"),
                s.Rule.Length == 0 ? "*" : s.Rule,
                s.Node.Length == 0 ? "*" : s.Node,
                TerminalFormat.Age(s.RemainingSeconds),
                s.OriginName + (s.Honoured ? "" : " (not honoured: gossip is not authenticated)"),
                s.Comment,
            ]);
        }

        return TextTable.Format(rows);
    }

    private static string Escape(string? value) => Uri.EscapeDataString(value ?? "");
}
