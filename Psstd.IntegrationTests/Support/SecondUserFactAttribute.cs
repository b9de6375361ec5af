namespace Psstd.Tests.Support;

/// <summary>
/// A fact that runs a program as a second user (<c>nobody</c>, uid 65534) through <c>setpriv</c>: it needs root
/// on Linux, and is reported as skipped with the reason elsewhere, never passed silently.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SecondUserFactAttribute : FactAttribute
{
    public const uint Nobody = 65534;

    public SecondUserFactAttribute() => Skip = WhyNot();

    private static string? WhyNot()
    {
        if (!OperatingSystem.IsLinux())
        {
            return "needs Linux (SO_PEERCRED)";
        }

        if (Psstd.ClusterView.UnixOwnership.EffectiveUser != 0)
        {
            return "needs root, to give a directory to another user and run a program as it";
        }

        foreach (var tool in new[] { "/usr/bin/setpriv", "/usr/bin/perl", "/usr/bin/chown" })
        {
            if (!File.Exists(tool))
            {
                return $"needs {tool} (util-linux, perl-base, coreutils)";
            }
        }

        return null;
    }
}
