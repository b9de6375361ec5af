using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Psstd.ServiceDefaults.Hosting;
using Psstd.ServiceDefaults.Lifetime;
using Psstd.Tests.Support;

namespace Psstd.Tests.ServiceDefaults;

/// <summary>
/// The notifier against a real Unix datagram socket standing in for systemd: a host built with
/// <c>AddServiceDefaults</c> must send exactly READY=1 on start and STOPPING=1 on stop.
/// </summary>
public sealed class SystemdNotifierTests : IDisposable
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task PathSocket_ReceivesReadyOnStart_AndStoppingOnStop()
    {
        var path = _dir.File("notify.sock");
        using var manager = new NotifyListener(path);

        await AssertLifecycleAsync(manager, notifySocket: path);
    }

    [Fact]
    public async Task AbstractSocket_AtSign_IsTheAbstractNamespace()
    {
        var name = "psstd-test-" + Guid.NewGuid().ToString("N")[..12];
        using var manager = new NotifyListener("\0" + name);

        await AssertLifecycleAsync(manager, notifySocket: "@" + name);
    }

    [Fact]
    public async Task NobodyListening_HostStillStartsAndStops()
    {
        using var host = BuildHost(_dir.File("nobody.sock"));
        using var timeout = new CancellationTokenSource(Timeout);

        await host.StartAsync(timeout.Token);
        await host.StopAsync(timeout.Token);
    }

    private static async Task AssertLifecycleAsync(NotifyListener manager, string notifySocket)
    {
        using var host = BuildHost(notifySocket);
        using var timeout = new CancellationTokenSource(Timeout);

        await host.StartAsync(timeout.Token);
        Assert.Equal(SystemdNotifier.Ready, await manager.ReceiveAsync(Timeout));

        await host.StopAsync(timeout.Token);
        Assert.Equal(SystemdNotifier.Stopping, await manager.ReceiveAsync(Timeout));

        Assert.False(manager.HasPending, "nothing else should have been sent");
    }

    private static IHost BuildHost(string notifySocket)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new(SystemdNotifier.Variable, notifySocket)]);
        builder.AddServiceDefaults("psstd-test");
        return builder.Build();
    }

    public void Dispose() => _dir.Dispose();
}
