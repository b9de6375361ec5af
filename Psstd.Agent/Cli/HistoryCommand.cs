using System.CommandLine;
using System.Globalization;
using System.Net;
using Psstd.Contracts;
using Psstd.Configuration;

namespace Psstd.Agent.Cli;

/// <summary><c>history NODE</c>: one node's stored history, exported as CSV or NDJSON.</summary>
internal static class HistoryCommand
{
    public static Argument<string> NodeArgument { get; } = new("node") { Description = "The node's name or id" };

    public static Option<string> SinceOption { get; } = new("--since")
    {
        Description = "Start of the range: a duration back from now (30m, 2h) or an ISO 8601 time (default: the last hour)",
        HelpName = "when",
    };

    public static Option<string> FormatOption { get; } = CreateFormatOption();

    public static Command Create(CliConsole console)
    {
        var command = new Command("history", "Print one node's stored history as CSV or NDJSON") { NodeArgument, SinceOption, FormatOption };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var node = parsed.GetValue(NodeArgument)!;
            var query = $"?format={parsed.GetValue(FormatOption)}";
            if (parsed.GetValue(SinceOption) is { Length: > 0 } since)
            {
                var start = ParseSince(since, console.Time.GetUtcNow())
                    ?? throw new CliFailureException($"--since \"{since}\" is invalid: must be {DurationParser.Syntax}, or an ISO 8601 time such as 2026-01-31T12:00:00Z");
                query += "&since=" + Uri.EscapeDataString(start.ToString("O", CultureInfo.InvariantCulture));
            }

            using var agent = AgentCommandLine.Connect(parsed, console);
            var path = LocalApiRoutes.HistoryOf(node);
            using var response = await agent.SendAsync(new HttpRequestMessage(HttpMethod.Get, path + query), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw await NodeNotFound.ExplainNotFoundAsync(agent, node, path, cancellationToken);
            }

            await agent.EnsureSuccessAsync(response, $"GET {path}", cancellationToken);
            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var reader = new StreamReader(body);
            await console.Out.WriteAsync(await reader.ReadToEndAsync(cancellationToken));
            return 0;
        });
        return command;
    }

    /// <summary>A duration back from <paramref name="now"/>, or an absolute ISO 8601 time; null when neither.</summary>
    public static DateTimeOffset? ParseSince(string text, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (DurationParser.TryParse(text) is { } back)
        {
            return now - back;
        }

        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at.ToUniversalTime() : null;
    }

    private static Option<string> CreateFormatOption()
    {
        var option = new Option<string>("--format") { Description = "Export format", DefaultValueFactory = _ => "csv", HelpName = "format" };
        option.AcceptOnlyFromAmong("csv", "ndjson");
        return option;
    }
}
