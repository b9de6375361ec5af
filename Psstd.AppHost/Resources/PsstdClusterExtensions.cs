using System.Net.Sockets;
using System.Security.Cryptography;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Psstd.AppHost.Model;
using Psstd.AppHost.Reporting;
using Psstd.AppHost.Running;

namespace Psstd.AppHost.Resources;

/// <summary>
/// The local cluster as Aspire resources: per node an agent (its socket checked for health, its gossip a
/// fixed-port UDP endpoint that every other agent references) and a dashboard parented to it, waiting
/// for it, checked on <c>/healthz</c>.
/// </summary>
public static class PsstdClusterExtensions
{
    /// <summary>
    /// On loopback the seeds come from service discovery instead: each agent references every other
    /// agent's gossip endpoint, which Aspire hands it as <c>services__node-2-agent__gossip__0</c>.
    /// </summary>
    private const string SeedsVariable = "PSSTD_SEEDS";

    private const string KeyVariable = "PSSTD_KEY";

    public static IDistributedApplicationBuilder AddPsstdCluster(this IDistributedApplicationBuilder builder, ClusterSpec spec)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(spec);
        var nodes = ClusterModel.Build(spec);
        var network = spec.Netns is { } netns ? NetnsModel.Build(netns, spec.NodeCount) : null;
        // Secure by default: one gossip key made for this run and given to every agent, unless one was set.
        var key = spec.ExtraEnvironment.ContainsKey(KeyVariable) ? null : Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var agents = nodes.Select(node => builder.AddPsstdAgent(node, network, key)).ToList();
        if (spec.Netns is null)
        {
            for (var i = 0; i < agents.Count; i++)
            {
                foreach (var other in agents.Where((_, j) => j != i))
                {
                    agents[i].WithReference(other.GetEndpoint(PsstdResourceNames.GossipEndpoint));
                }
            }
        }

        for (var i = 0; i < nodes.Count && spec.Dashboards; i++)
        {
            builder.AddPsstdDashboard(nodes[i], agents[i]);
        }

        if (network is not null)
        {
            builder.AddNetnsNetwork(network);
        }

        builder.Services.AddSingleton(new ClusterPlan(spec, nodes));
        builder.Services.AddSingleton<ResourceLogTail>();
        builder.Services.AddSingleton<AspireDashboardLink>();
        builder.Services.AddSingleton<ClusterStartup>();
        builder.Services.AddSingleton<StartupWatch>();

        // A failed start is reported in one line by the watch, which then stops the host while it is still
        // starting; the host would add the stack trace of that cancellation. A real start failure still
        // ends RunAsync with its exception.
        builder.Services.AddLogging(logging => logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.Critical));
        builder.Eventing.Subscribe<BeforeStartEvent>((start, cancellationToken) =>
        {
            _ = start.Services.GetRequiredService<StartupWatch>().Start();
            return Task.CompletedTask;
        });
        builder.Services.AddHostedService<ClusterCleanup>();
        return builder;
    }

    private static IResourceBuilder<ExecutableResource> AddPsstdAgent(this IDistributedApplicationBuilder builder, NodeSpec node, NetnsTopology? network, string? key)
    {
        var name = PsstdResourceNames.Agent(node.Name);
        var check = PsstdResourceNames.AgentHealthCheck(node.Name);
        builder.Services.AddHealthChecks().Add(new HealthCheckRegistration(check, _ => new AgentSocketHealthCheck(node.SocketPath), HealthStatus.Unhealthy, tags: null));
        var environment = network is null
            ? node.Agent.Environment.Where(pair => pair.Key != SeedsVariable).ToDictionary(StringComparer.Ordinal)
            : node.Agent.Environment.ToDictionary(StringComparer.Ordinal);
        if (key is not null)
        {
            environment[KeyVariable] = key;
        }

        var agent = builder.AddPsstdProcess(name, node.Agent, environment)
            .WithEndpoint(PsstdResourceNames.GossipEndpoint, endpoint =>
            {
                // UDP never passes Aspire's proxy: the agent binds the port itself.
                endpoint.Protocol = ProtocolType.Udp;
                endpoint.UriScheme = "udp";
                endpoint.Port = node.GossipPort;
                endpoint.TargetPort = node.GossipPort;
                endpoint.TargetHost = node.Network?.Address.ToString() ?? "127.0.0.1";
                endpoint.IsProxied = false;
            })
            .WithHealthCheck(check);
        return network is null ? agent : agent.WithNodeFaultCommands(network, node.Name);
    }

    private static void AddPsstdDashboard(this IDistributedApplicationBuilder builder, NodeSpec node, IResourceBuilder<ExecutableResource> agent)
    {
        builder.AddPsstdProcess(PsstdResourceNames.Dashboard(node.Name), node.Dashboard, node.Dashboard.Environment)
            .WithEndpoint(PsstdResourceNames.HttpEndpoint, endpoint =>
            {
                endpoint.UriScheme = "http";
                endpoint.Port = node.HttpPort;
                endpoint.TargetPort = node.HttpPort;
                endpoint.TargetHost = node.DashboardUrl.Host;
                endpoint.IsProxied = false;
            })
            .WithHttpHealthCheck("/healthz", endpointName: PsstdResourceNames.HttpEndpoint)
            .WithParentRelationship(agent)
            .WaitFor(agent);
    }

    private static IResourceBuilder<ExecutableResource> AddPsstdProcess(
        this IDistributedApplicationBuilder builder, string name, ProcessSpec process, IReadOnlyDictionary<string, string> environment)
    {
        var (command, arguments) = ChildLaunch.CommandLine(process);
        var resource = builder.AddExecutable(name, command, Path.GetDirectoryName(process.Program)!, [.. arguments])
            .WithOtlpExporter()
            .WithEnvironment(context =>
            {
                foreach (var (key, value) in environment)
                {
                    context.EnvironmentVariables[key] = value;
                }

                // The AppHost's own URLs (the Aspire dashboard's) must not reach the children.
                context.EnvironmentVariables.Remove("ASPNETCORE_URLS");
            });
        return resource;
    }
}
