using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Psstd.AppHost.Model;
using Psstd.AppHost.Netns;
using Psstd.AppHost.Running;

namespace Psstd.AppHost.Resources;

/// <summary>
/// <c>--netns</c> on Aspire: the network is built just before the resources start and removed after they
/// stopped; the fault commands answer on the terminal and as resource commands in the Aspire dashboard
/// (split and heal on the network, cut, loss and delay on each agent).
/// </summary>
public static class NetnsResourceExtensions
{
    public const string NetworkResourceName = "netns";

    public static IDistributedApplicationBuilder AddNetnsNetwork(this IDistributedApplicationBuilder builder, NetnsTopology topology)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(topology);
        var holder = new NetnsNetworkHolder(topology);
        builder.Services.AddSingleton(holder);
        builder.Services.AddHostedService<NetnsConsole>();
        builder.Eventing.Subscribe<BeforeStartEvent>((_, _) =>
        {
            holder.Create();
            return Task.CompletedTask;
        });

        builder.AddResource(new NetnsNetworkResource(NetworkResourceName))
            .WithInitialState(new CustomResourceSnapshot
            {
                ResourceType = "Network",
                State = KnownResourceStates.Running,
                Properties =
                [
                    new ResourcePropertySnapshot("bridge", topology.Bridge),
                    new ResourcePropertySnapshot("host address", topology.HostAddress.ToString()),
                ],
            })
            .WithFaultCommand(topology, "split", "Split in two halves", _ => "split")
            .WithFaultCommand(topology, "heal", "Heal every fault", _ => "heal");
        return builder;
    }

    /// <summary>Cut, loss and delay for one node, on its agent resource.</summary>
    public static IResourceBuilder<T> WithNodeFaultCommands<T>(this IResourceBuilder<T> resource, NetnsTopology topology, string nodeName)
        where T : IResource =>
        resource
            .WithFaultCommand(topology, "cut", "Cut its link", _ => $"cut {nodeName}")
            .WithFaultCommand(topology, "loss", "Lose 20 % of its packets", _ => $"loss {nodeName} 20%")
            .WithFaultCommand(topology, "delay", "Delay its packets by 100 ms", _ => $"delay {nodeName} 100ms");

    private static IResourceBuilder<T> WithFaultCommand<T>(
        this IResourceBuilder<T> resource, NetnsTopology topology, string name, string displayName, Func<ExecuteCommandContext, string> line)
        where T : IResource =>
        resource.WithCommand(
            "netns-" + name,
            displayName,
            context =>
            {
                var answer = NetnsControl.Execute(line(context), topology);
                Console.WriteLine(answer.Text);
                return Task.FromResult(answer.Succeeded ? CommandResults.Success(answer.Text) : CommandResults.Failure(answer.Text));
            },
            new CommandOptions { Description = $"The terminal's `{name}` fault command" });
}
