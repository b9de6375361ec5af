using System.Globalization;
using Aspire.Hosting;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting.Testing;
using Microsoft.Extensions.DependencyInjection;
using Psstd.AppHost;
using Psstd.AppHost.Reporting;
using Psstd.AppHost.Resources;
using Psstd.Tests.Support;

namespace Psstd.Tests.Integration;

/// <summary>
/// The real AppHost (its Program, model and resources) run by <c>Aspire.Hosting.Testing</c> in the test
/// process, with DCP starting the agents and dashboards. Disposing stops it, which stops every child
/// and removes the cluster's directory.
/// </summary>
internal sealed class AspireCluster : IAsyncDisposable
{
    /// <summary>DCP, three agents and three dashboards on a busy 2-core machine.</summary>
    public static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(150);

    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(60);

    private readonly DistributedApplication _app;

    private readonly ResourceLogTail _tail;

    /// <summary>Services are taken at once: a host that stops itself (a failed start) disposes its provider.</summary>
    private AspireCluster(DistributedApplication app)
    {
        _app = app;
        Plan = app.Services.GetRequiredService<ClusterPlan>();
        Startup = app.Services.GetRequiredService<ClusterStartup>();
        _tail = app.Services.GetRequiredService<ResourceLogTail>();
    }

    public ClusterPlan Plan { get; }

    public ClusterStartup Startup { get; }

    /// <summary>The AppHost's builder with <paramref name="args"/>, its ports searched for away from a developer's cluster.</summary>
    public static async Task<IDistributedApplicationTestingBuilder> CreateBuilderAsync(params string[] args)
    {
        string[] all =
        [
            .. args,
            $"--{AppHostOptions.FirstHttpPortKey}={TestPorts.Next().ToString(CultureInfo.InvariantCulture)}",
            $"--{AppHostOptions.FirstGossipPortKey}={TestPorts.Next().ToString(CultureInfo.InvariantCulture)}",
        ];
        return await DistributedApplicationTestingBuilder.CreateAsync(typeof(AppHostOptions), all, CancellationToken.None).WaitAsync(StartTimeout);
    }

    /// <summary>Builds and starts; a start the AppHost itself gives up on is left to <see cref="ClusterStartup"/> to tell.</summary>
    public static async Task<AspireCluster> StartAsync(IDistributedApplicationTestingBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var app = await builder.BuildAsync().WaitAsync(StartTimeout);
        var cluster = new AspireCluster(app);
        try
        {
            await app.StartAsync().WaitAsync(StartTimeout);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException && cluster.Startup.Ready.IsFaulted)
        {
            // The start watch stopped the host while it was starting; Ready says why.
        }
        catch (Exception)
        {
            await cluster.DisposeAsync();
            throw;
        }

        return cluster;
    }

    /// <summary>Waits for the AppHost's ready table; a failure carries every child's last lines.</summary>
    public async Task<string> ReadyAsync()
    {
        try
        {
            return await Startup.Ready.WaitAsync(StartTimeout);
        }
        catch (TimeoutException ex)
        {
            throw new Xunit.Sdk.XunitException($"the AppHost did not report ready within {StartTimeout.TotalSeconds:0}s: {ex.Message}{Environment.NewLine}{DescribeOutput()}");
        }
    }

    /// <summary>The process id DCP reports for a resource (with <c>ip netns exec</c>, the psstd process's own).</summary>
    public async Task<int> PidOfAsync(string resourceName)
    {
        using var timeout = new CancellationTokenSource(StartTimeout);
        var update = await _app.ResourceNotifications.WaitForResourceAsync(resourceName, e => Pid(e.Snapshot) is not null, timeout.Token);
        return Pid(update.Snapshot)!.Value;
    }

    /// <summary>Runs a resource command, as the Aspire dashboard's button does.</summary>
    public async Task<ExecuteCommandResult> CommandAsync(string resourceName, string commandName)
    {
        var resource = _app.Services.GetRequiredService<DistributedApplicationModel>().Resources.Single(r => r.Name == resourceName);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await _app.Services.GetRequiredService<ResourceCommandService>().ExecuteCommandAsync(resource, commandName, timeout.Token);
    }

    /// <summary>The last lines of every psstd resource, for a failure message.</summary>
    public string DescribeOutput()
    {
        var tail = _tail;
        var names = Plan.Nodes.SelectMany(n => new[] { PsstdResourceNames.Agent(n.Name), PsstdResourceNames.Dashboard(n.Name) });
        return string.Join(Environment.NewLine, names.SelectMany(name => tail.Recent(name).TakeLast(60).Select(l => $"[{name}] {ResourceLogTail.WithoutTimestamp(l.Content)}")));
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync().WaitAsync(StopTimeout);
        }
        catch (ObjectDisposedException)
        {
            // It stopped itself after a failed start.
        }
        finally
        {
            await _app.DisposeAsync();
        }
    }

    private static int? Pid(CustomResourceSnapshot snapshot)
    {
        var value = snapshot.Properties.FirstOrDefault(p => p.Name == "executable.pid")?.Value;
        return value is null ? null : Convert.ToInt32(value, CultureInfo.InvariantCulture);
    }
}
