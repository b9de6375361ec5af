namespace Psstd.Tests.Support.Netns;

/// <summary>
/// Debian's avahi-daemon inside a namespace, with a private D-Bus for avahi-browse and avahi-publish:
/// a bus of its own (socket in a temp dir), the daemon with its own config, as root without chroot, and
/// its fixed pid file on a tmpfs mounted only in its own mount namespace (<c>ip netns exec</c> gives
/// each command one), so it never meets the host's Avahi. Dispose stops all, also after a failure.
/// </summary>
public sealed class AvahiPeer : IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private readonly TempDirectory _dir = new();
    private readonly NamespacePair.Side _side;
    private readonly List<CapturedProcess> _processes = [];

    private AvahiPeer(NamespacePair.Side side) => _side = side;

    /// <summary>Environment that points D-Bus clients at this peer's bus.</summary>
    public IReadOnlyDictionary<string, string> BusEnvironment => new Dictionary<string, string> { ["DBUS_SYSTEM_BUS_ADDRESS"] = $"unix:path={_dir.File("bus")}" };

    public string Output => string.Join(Environment.NewLine, _processes.Select(p => p.Output));

    public static async Task<AvahiPeer> StartAsync(NamespacePair.Side side)
    {
        var peer = new AvahiPeer(side);
        try
        {
            await peer.StartDaemonsAsync();
            return peer;
        }
        catch
        {
            peer.Dispose();
            throw;
        }
    }

    /// <summary><c>avahi-browse -rpt</c> in this namespace: one parsable line per resolved service.</summary>
    public Task<string> BrowseAsync(string type) =>
        NamespacePair.RunAsync(_side, "avahi-browse", ["-rpt", type], BusEnvironment, TimeSpan.FromSeconds(30));

    /// <summary><c>avahi-publish -s</c>: the service stays published until the returned process is disposed (with a goodbye).</summary>
    public async Task<CapturedProcess> PublishAsync(string name, string type, int port, params string[] txt)
    {
        var process = NamespacePair.Start(_side, $"publish {name}", "avahi-publish", ["-s", name, type, port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. txt], BusEnvironment);
        _processes.Add(process);
        await process.WaitForOutputAsync(l => l.Contains("Established under name", StringComparison.Ordinal), StartTimeout);
        return process;
    }

    private async Task StartDaemonsAsync()
    {
        File.WriteAllText(_dir.File("bus.conf"), $"""
            <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN" "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
            <busconfig>
              <type>system</type>
              <listen>unix:path={_dir.File("bus")}</listen>
              <auth>EXTERNAL</auth>
              <policy context="default">
                <allow user="*"/>
                <allow own="*"/>
                <allow send_destination="*"/>
                <allow receive_sender="*"/>
              </policy>
            </busconfig>
            """);
        File.WriteAllText(_dir.File("avahi.conf"), $"""
            [server]
            host-name=avahi-peer
            use-ipv4=yes
            use-ipv6=yes
            allow-interfaces={_side.Interface}
            enable-dbus=yes
            [wide-area]
            enable-wide-area=no
            [publish]
            publish-hinfo=no
            publish-workstation=no
            """);

        var bus = NamespacePair.Start(_side, "dbus", "dbus-daemon", ["--config-file", _dir.File("bus.conf"), "--nofork", "--nopidfile", "--print-address"]);
        _processes.Add(bus);
        await bus.WaitForOutputAsync(l => l.StartsWith("unix:", StringComparison.Ordinal), StartTimeout);

        var script = $"mkdir -p /run/avahi-daemon && mount -t tmpfs tmpfs /run/avahi-daemon && exec avahi-daemon -f '{_dir.File("avahi.conf")}' --no-drop-root --no-chroot --no-proc-title";
        var daemon = NamespacePair.Start(_side, "avahi", "sh", ["-c", script], BusEnvironment);
        _processes.Add(daemon);
        await daemon.WaitForOutputAsync(l => l.Contains("Server startup complete", StringComparison.Ordinal), StartTimeout);
    }

    public void Dispose()
    {
        for (var i = _processes.Count - 1; i >= 0; i--)
        {
            _processes[i].Dispose();
        }

        _dir.Dispose();
    }
}
