using System.Globalization;
using System.Text;
using Microsoft.Extensions.Hosting;
using Psstd.AppHost.Model;
using Psstd.AppHost.Netns;

namespace Psstd.AppHost.Running;

/// <summary>Runs the local cluster for as long as the host runs; Ctrl+C or SIGTERM stops every child.</summary>
public sealed class ClusterHostService(ClusterSpec spec, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Declared first, so removed last: after every child has stopped.
        using var network = spec.Netns is { } netns ? NetnsNetwork.Create(NetnsModel.Build(netns, spec.NodeCount)) : null;
        if (network is not null)
        {
            // Last resort when the host's shutdown timeout cuts this method short: removal goes by the
            // run's names, so running it a second time after the normal one finds nothing to do.
            AppDomain.CurrentDomain.ProcessExit += (_, _) => network.Dispose();
        }

        await using var cluster = LocalCluster.Start(spec, Console.WriteLine, time);
        try
        {
            await cluster.WaitUntilReadyAsync(ReadyTimeout, stoppingToken);
            Console.WriteLine(Table(cluster.Nodes));
            if (network is not null)
            {
                Console.WriteLine($"fault control, one per line on this terminal: {NetnsControl.Help}");
                _ = Task.Run(() => NetnsControl.RunAsync(Console.In, network.Topology, Console.WriteLine, stoppingToken), stoppingToken);
            }

            await Task.Delay(Timeout.InfiniteTimeSpan, time, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            Console.WriteLine("Stopping the local cluster...");
        }
        catch (TimeoutException ex)
        {
            await Console.Error.WriteLineAsync($"psstd AppHost: the cluster did not come up: {ex.Message}");
            Environment.ExitCode = 1;
            throw;
        }
    }

    public static string Table(IReadOnlyList<NodeSpec> nodes)
    {
        ArgumentNullException.ThrowIfNull(nodes);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"psstd local cluster: {nodes.Count} nodes ready (Ctrl+C stops them all)");
        var namespaces = nodes.Any(n => n.Network is not null) ? "namespace" : "";
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {"node",-10} {"dashboard",-28} {"gossip",-17} {"socket",-44} {namespaces}").TrimEnd());
        foreach (var node in nodes)
        {
            var gossip = $"{node.Network?.Address.ToString() ?? "127.0.0.1"}:{node.GossipPort}";
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"  {node.Name,-10} {node.DashboardUrl,-28} {gossip,-17} {node.SocketPath,-44} {node.Network?.Namespace}").TrimEnd());
        }

        return text.ToString();
    }
}
