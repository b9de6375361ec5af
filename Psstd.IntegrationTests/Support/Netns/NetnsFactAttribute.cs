using Psstd.AppHost.Netns;

namespace Psstd.Tests.Support.Netns;

/// <summary>
/// A fact that needs network namespaces (and with <see cref="Avahi"/>, Avahi and D-Bus in them): on a
/// host that cannot run it (not Linux, not root, a tool missing) it is reported as skipped with the
/// reason, naming what to install, never passed silently. xunit 2 has no runtime skip, so the check
/// runs when the test is discovered.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NetnsFactAttribute : FactAttribute
{
    private static readonly (string Program, string Package)[] AvahiTools =
    [
        ("avahi-daemon", "avahi-daemon"), ("avahi-browse", "avahi-utils"), ("avahi-publish", "avahi-utils"), ("dbus-daemon", "dbus"),
    ];

    private bool _avahi;

    public NetnsFactAttribute() => Skip = WhyNot(avahi: false);

    /// <summary>The test also runs Avahi (and its D-Bus) in a namespace.</summary>
    public bool Avahi
    {
        get => _avahi;
        set
        {
            _avahi = value;
            Skip = WhyNot(value);
        }
    }

    /// <summary>Null when this host can run the test; otherwise why not.</summary>
    private static string? WhyNot(bool avahi)
    {
        if (NetnsNetwork.Unavailable() is { } reason)
        {
            return $"Category=Netns needs network namespaces: {reason}";
        }

        var missing = avahi ? AvahiTools.Where(t => NetTools.Find(t.Program) is null).Select(t => $"{t.Program} (apt-get install {t.Package})").ToList() : [];
        return missing.Count == 0 ? null : $"Category=Netns needs Avahi: missing {string.Join(", ", missing)}";
    }
}
