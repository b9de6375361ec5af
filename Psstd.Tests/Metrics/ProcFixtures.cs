namespace Psstd.Tests.Metrics;

/// <summary>Locates the /proc fixtures the build copies next to the test assembly.</summary>
internal static class ProcFixtures
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "Fixtures", "proc");

    /// <summary>A path under Fixtures/proc, given with forward slashes as in the README.</summary>
    public static string PathOf(string relative) =>
        Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar));

    public static string Read(string relative) => File.ReadAllText(PathOf(relative));
}
