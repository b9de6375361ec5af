namespace Psstd.Tests.Support.Netns;

/// <summary>
/// A fact that needs network namespaces and Avahi: on a host that cannot run it (not Linux, not root,
/// no <c>ip</c>, or Avahi and D-Bus missing) it is reported as skipped with the reason, never passed silently.
/// xunit 2 has no runtime skip, so the check runs when the test is discovered.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NetnsFactAttribute : FactAttribute
{
    public NetnsFactAttribute() => Skip = NetnsHost.WhyNot();
}

/// <summary>Whether this host can create namespaces and run Avahi in them.</summary>
public static class NetnsHost
{
    private static readonly (string Program, string Package)[] Tools =
    [
        ("ip", "iproute2"), ("avahi-daemon", "avahi-daemon"), ("avahi-browse", "avahi-utils"), ("avahi-publish", "avahi-utils"), ("dbus-daemon", "dbus"),
    ];

    /// <summary>Null when everything is there; otherwise why not, naming what to install.</summary>
    public static string? WhyNot()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "network namespaces need Linux";
        }

        if (Environment.UserName != "root" && Libc.Geteuid() != 0)
        {
            return "network namespaces need root (run the tests as root)";
        }

        var missing = Tools.Where(t => Find(t.Program) is null).Select(t => $"{t.Program} (apt-get install {t.Package})").ToList();
        return missing.Count == 0 ? null : $"missing: {string.Join(", ", missing)}";
    }

    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Concat(["/usr/sbin", "/usr/bin", "/sbin", "/bin"])
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);

    private static class Libc
    {
        [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "geteuid")]
        public static extern uint Geteuid();
    }
}
