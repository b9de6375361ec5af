using Microsoft.Extensions.Hosting;
using Psstd.AppHost.Reporting;

namespace Psstd.AppHost.Running;

/// <summary>
/// Removes the run's directory (state dirs, sockets) and its network once the application has stopped,
/// which is after DCP stopped every resource.
/// </summary>
public sealed class ClusterCleanup(ClusterPlan plan, IHostApplicationLifetime lifetime, IServiceProvider services) : IHostedService, IDisposable
{
    private CancellationTokenRegistration _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _registration = lifetime.ApplicationStopped.Register(() =>
        {
            (services.GetService(typeof(NetnsNetworkHolder)) as NetnsNetworkHolder)?.Dispose();
            RootDirectory.Remove(plan.Spec.RootDirectory);
        });
        return Task.CompletedTask;
    }

    /// <summary>Nothing yet: the children are still stopping.</summary>
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _registration.Dispose();
}
