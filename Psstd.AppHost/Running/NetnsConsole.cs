using Microsoft.Extensions.Hosting;
using Psstd.AppHost.Netns;

namespace Psstd.AppHost.Running;

/// <summary>The fault commands typed into the AppHost's terminal with <c>--netns</c>, one per line.</summary>
public sealed class NetnsConsole(NetnsNetworkHolder network) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Console.WriteLine($"fault control, one per line on this terminal: {NetnsControl.Help}");

        // Console.In blocks its thread; a thread-pool task keeps it off the host's start-up.
        return Task.Run(() => NetnsControl.RunAsync(Console.In, network.Topology, Console.WriteLine, stoppingToken), stoppingToken);
    }
}
