using System.Text.RegularExpressions;
using Psstd.Tests.Support;

namespace Psstd.Tests.Architecture;

/// <summary>
/// The agent allows unsafe blocks only because the marshalling LibraryImport generates for the Windows
/// and macOS probes needs them; its own source must stay free of unsafe code.
/// </summary>
public sealed partial class UnsafeCodeTests
{
    [Fact]
    public void Agent_WritesNoUnsafeCodeOfItsOwn()
    {
        var agent = RepositoryRoot.File("Psstd.Agent");
        var offenders = Directory.EnumerateFiles(agent, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(Path.GetRelativePath(agent, path)))
            .Where(path => UnsafeKeyword().IsMatch(File.ReadAllText(path)))
            .Select(path => Path.GetRelativePath(agent, path))
            .ToList();

        Assert.True(Directory.EnumerateFiles(agent, "*.cs", SearchOption.AllDirectories).Any(), $"no sources under {agent}");
        Assert.Empty(offenders);
    }

    private static bool IsBuildOutput(string relative) =>
        relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
        || relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    [GeneratedRegex(@"\bunsafe\b")]
    private static partial Regex UnsafeKeyword();
}
