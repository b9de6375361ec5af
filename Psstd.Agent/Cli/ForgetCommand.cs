using System.CommandLine;
using System.Net;
using Psstd.Contracts;

namespace Psstd.Agent.Cli;

/// <summary><c>forget NODE</c>: a tombstone, spread by gossip, keeps the node out until it restarts.</summary>
internal static class ForgetCommand
{
    public static Argument<string> NodeArgument { get; } = new("node") { Description = "The node's name or id" };

    public static Command Create(CliConsole console)
    {
        var command = new Command("forget", "Forget a node on every peer (a tombstone spread by gossip); it comes back when it restarts with a new generation") { NodeArgument };
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var node = parsed.GetValue(NodeArgument)!;
            using var agent = AgentCommandLine.Connect(parsed, console);
            var path = LocalApiRoutes.ForgetOf(node);
            using var response = await agent.SendAsync(new HttpRequestMessage(HttpMethod.Post, path), cancellationToken);
            if (response.StatusCode == HttpStatusCode.NotFound)
            {
                throw await NodeNotFound.ExplainNotFoundAsync(agent, node, path, cancellationToken);
            }

            await agent.EnsureSuccessAsync(response, $"POST {path}", cancellationToken);
            await console.Out.WriteLineAsync($"forgot {node}: the tombstone spreads to every peer by gossip");
            return 0;
        });
        return command;
    }
}
