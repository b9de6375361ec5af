using Psstd.Agent.Cli;
using Psstd.Agent.Configuration;
using Psstd.Agent.Terminal;
using Psstd.Contracts;
using Psstd.ClusterView;

namespace Psstd.Agent.Instance;

/// <summary>
/// A start on a state directory another agent holds: no store, no node of its own. It shows the running
/// agent's cluster (the terminal mirror), or, when that agent's socket does not answer, watches the
/// gossip as a <see cref="GossipViewer"/>.
/// </summary>
internal static class SecondInstance
{
    public static async Task<int> RunAsync(AgentSettings settings, CliConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(console);
        var owner = InstanceOwner.Read(settings.StateDirectory);
        var socketPath = owner?.SocketPath ?? settings.SocketPath;
        var holder = owner is null ? "another agent" : $"the agent {owner.NodeName} (pid {owner.ProcessId})";
        var options = new TerminalOptions(console.Time.GetUtcNow());
        using var client = LocalApiSocket.CreateClient(socketPath, TimeSpan.FromSeconds(3));
        var mirror = new SocketSnapshotSource(client, $"mirror of {socketPath}");
        if (await mirror.ReadAsync(cancellationToken) is not null)
        {
            await console.Error.WriteLineAsync($"psstd-agent: {settings.StateDirectory} is held by {holder}; showing its cluster from {socketPath} instead of starting a second agent");
            return await TerminalSession.RunAsync(mirror, console, options, once: false, cancellationToken);
        }

        await console.Error.WriteLineAsync($"psstd-agent: {settings.StateDirectory} is held by {holder}, whose socket {socketPath} does not answer; watching the gossip as a viewer that publishes nothing");
        await using var viewer = new GossipViewer(settings, owner, console.Time);
        await viewer.StartAsync(cancellationToken);
        return await TerminalSession.RunAsync(viewer, console, options, once: false, cancellationToken);
    }
}
