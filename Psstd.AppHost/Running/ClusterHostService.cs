using System.Globalization;
using System.Text;
using Microsoft.Extensions.Hosting;
using Psstd.AppHost.Model;

namespace Psstd.AppHost.Running;

/// <summary>Runs the local cluster for as long as the host runs; Ctrl+C or SIGTERM stops every child.</summary>
public sealed class ClusterHostService(ClusterSpec spec, TimeProvider time) : BackgroundService
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var cluster = LocalCluster.Start(spec, Console.WriteLine, time);
        try
        {
            await cluster.WaitUntilReadyAsync(ReadyTimeout, stoppingToken);
            Console.WriteLine(Table(cluster.Nodes));
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
        text.AppendLine(CultureInfo.InvariantCulture, $"  {"node",-10} {"dashboard",-28} {"gossip",-17} socket");
        foreach (var node in nodes)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {node.Name,-10} {node.DashboardUrl,-28} {"127.0.0.1:" + node.GossipPort,-17} {node.SocketPath}");
        }

        return text.ToString();
    }
}
