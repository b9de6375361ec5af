using System.Net.Sockets;
using System.Text;
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
    private static readonly TimeSpan ReceiveTimeout = TimeSpan.FromSeconds(10);
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task PathSocket_ReceivesReadyOnStart_AndStoppingOnStop()
    {
        var path = _dir.File("notify.sock");
        using var manager = Bind(path);

        await AssertLifecycleAsync(manager, notifySocket: path);
    }

    [Fact]
    public async Task AbstractSocket_AtSign_IsTheAbstractNamespace()
    {
        var name = "psstd-test-" + Guid.NewGuid().ToString("N")[..12];
        using var manager = Bind("\0" + name);

        await AssertLifecycleAsync(manager, notifySocket: "@" + name);
    }

    [Fact]
    public async Task NobodyListening_HostStillStartsAndStops()
    {
        using var host = BuildHost(_dir.File("nobody.sock"));
        using var timeout = new CancellationTokenSource(ReceiveTimeout);

        await host.StartAsync(timeout.Token);
        await host.StopAsync(timeout.Token);
    }

    private static async Task AssertLifecycleAsync(Socket manager, string notifySocket)
    {
        using var host = BuildHost(notifySocket);
        using var timeout = new CancellationTokenSource(ReceiveTimeout);

        await host.StartAsync(timeout.Token);
        Assert.Equal(SystemdNotifier.Ready, await ReceiveAsync(manager, timeout.Token));

        await host.StopAsync(timeout.Token);
        Assert.Equal(SystemdNotifier.Stopping, await ReceiveAsync(manager, timeout.Token));

        Assert.Equal(0, manager.Available); // nothing else was sent
    }

    private static IHost BuildHost(string notifySocket)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([new(SystemdNotifier.Variable, notifySocket)]);
        builder.AddServiceDefaults("psstd-test");
        return builder.Build();
    }

    private static Socket Bind(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        return socket;
    }

    private static async Task<string> ReceiveAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new byte[256];
        var length = await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
        return Encoding.ASCII.GetString(buffer, 0, length);
    }

    public void Dispose() => _dir.Dispose();
}
