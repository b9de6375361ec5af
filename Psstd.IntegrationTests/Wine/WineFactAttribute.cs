namespace Psstd.Tests.Wine;

/// <summary>
/// A fact that runs the win-x64 agent under Wine: on a host without Wine (or not x64 Linux) it is reported
/// as skipped with the reason, never passed silently. xunit 2 has no runtime skip, so the check runs when
/// the test is discovered.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class WineFactAttribute : FactAttribute
{
    public WineFactAttribute() => Skip = WhyNot();

    /// <summary>The wine launcher on PATH, or null.</summary>
    public static string? FindWine() =>
        (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "wine"))
            .FirstOrDefault(File.Exists);

    private static string? WhyNot()
    {
        if (!OperatingSystem.IsLinux() || System.Runtime.InteropServices.RuntimeInformation.OSArchitecture != System.Runtime.InteropServices.Architecture.X64)
        {
            return "Category=Wine runs the win-x64 agent under Wine, which needs x64 Linux";
        }

        return FindWine() is null ? "Category=Wine needs Wine (apt-get install wine wine64)" : null;
    }
}
