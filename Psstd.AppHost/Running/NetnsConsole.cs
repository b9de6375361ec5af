using Microsoft.Extensions.Hosting;
using Psstd.AppHost.Netns;

namespace Psstd.AppHost.Running;

/// <summary>The fault commands typed into the AppHost's terminal with <c>--netns</c>, one per line.</summary>
public sealed class NetnsConsole(NetnsNetworkHolder network) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Console.WriteLine($"fault control, one per line on this terminal: {NetnsControl.Help}");

        // Console.In blocks its thread and does not hear cancellation: the reader runs on its own and is
        // left behind when the host stops, which must not wait for a line that may never come.
        _ = Task.Run(() => NetnsControl.RunAsync(Console.In, network.Topology, Console.WriteLine, stoppingToken), stoppingToken);
        return Task.CompletedTask;
    }
}
