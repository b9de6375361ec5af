using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Psstd.ServiceDefaults.Lifetime;

/// <summary>
/// The small part of the sd_notify protocol that <c>Type=notify</c> units need: one datagram
/// <c>READY=1</c> once the host has started (listeners bound), and <c>STOPPING=1</c> when it begins
/// to stop. Not <c>Microsoft.Extensions.Hosting.Systemd</c>'s <c>AddSystemd</c> (10.0): that acts only when it
/// judges the process to be run by systemd (from its parent, or PID 1 in a container), and this notifies
/// whoever set <c>NOTIFY_SOCKET</c> (any supervisor speaking the protocol, the release test's stand-in), read
/// through configuration like every other setting. Later versions of the package honour <c>NOTIFY_SOCKET</c>
/// alone; then it can replace this class.
/// </summary>
/// <remarks>
/// Does nothing when <c>NOTIFY_SOCKET</c> is unset (not run by systemd). A path starting with
/// <c>@</c> names a socket in Linux's abstract namespace. Readiness is a courtesy to the service
/// manager: a failed send is logged and never stops the process.
/// </remarks>
public sealed partial class SystemdNotifier(
    IConfiguration configuration,
    IHostApplicationLifetime lifetime,
    ILogger<SystemdNotifier> logger) : IHostedService
{
    public const string Variable = "NOTIFY_SOCKET";
    public const string Ready = "READY=1";
    public const string Stopping = "STOPPING=1";

    // Start and stop can overlap (a test host disposed while it starts): the registrations are taken under a lock.
    private readonly Lock _gate = new();
    private readonly List<CancellationTokenRegistration> _registrations = [];

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var path = configuration[Variable];
        if (string.IsNullOrEmpty(path))
        {
            return Task.CompletedTask;
        }

        lock (_gate)
        {
            _registrations.Add(lifetime.ApplicationStarted.Register(() => Send(path, Ready)));
            _registrations.Add(lifetime.ApplicationStopping.Register(() => Send(path, Stopping)));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        CancellationTokenRegistration[] registrations;
        lock (_gate)
        {
            registrations = [.. _registrations];
            _registrations.Clear();
        }

        foreach (var registration in registrations)
        {
            registration.Dispose();
        }

        return Task.CompletedTask;
    }

    /// <summary>The endpoint for a <c>NOTIFY_SOCKET</c> value; <c>@name</c> becomes the abstract name <c>\0name</c>.</summary>
    public static UnixDomainSocketEndPoint EndPointFor(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return new UnixDomainSocketEndPoint(path[0] == '@' ? "\0" + path[1..] : path);
    }

    private void Send(string path, string state)
    {
        try
        {
            using var socket = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
            socket.SendTo(Encoding.ASCII.GetBytes(state), EndPointFor(path));
            LogSent(logger, state);
        }
        catch (Exception ex) when (ex is SocketException or ArgumentException or PlatformNotSupportedException)
        {
            LogSendFailed(logger, ex, state, path);
        }
    }

    [LoggerMessage(EventId = 9010, Level = LogLevel.Debug, Message = "Told the service manager {State}")]
    private static partial void LogSent(ILogger logger, string state);

    [LoggerMessage(EventId = 9011, Level = LogLevel.Warning, Message = "Could not tell the service manager {State} over NOTIFY_SOCKET {Path}; running on")]
    private static partial void LogSendFailed(ILogger logger, Exception exception, string state, string path);
}
