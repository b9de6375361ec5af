using Microsoft.Extensions.Hosting;
using Psstd.AppHost.Reporting;

namespace Psstd.AppHost.Running;

/// <summary>
/// Removes the run's directory (state dirs, sockets) and its network once the application has stopped,
/// which is after DCP stopped every resource. Removing twice finds nothing the second time.
/// </summary>
public sealed class ClusterCleanup(ClusterPlan plan, IHostApplicationLifetime lifetime, IEnumerable<NetnsNetworkHolder> networks) : IHostedService, IDisposable
{
    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopped.Register(Clean);
        return Task.CompletedTask;
    }

    /// <summary>Nothing yet: the children are still stopping.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Also when the host gave up while starting, which never raises ApplicationStopped.</summary>
    public void Dispose()
    {
        _registration.Dispose();
        Clean();
    }

    private void Clean()
    {
        RootDirectory.Remove(plan.Spec.RootDirectory);
        foreach (var network in networks)
        {
            network.Dispose();
        }
    }
}
