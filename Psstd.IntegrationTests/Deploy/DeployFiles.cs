using Psstd.Tests.Support;

namespace Psstd.Tests.Deploy;

/// <summary>The files under deploy/, for theories that check each file of a kind.</summary>
public static class DeployFiles
{
    public static string Full(string relative) => RepositoryRoot.File(relative.Split('/'));

    public static TheoryData<string> Yaml() => Find("*.yml", "*.yaml");

    public static TheoryData<string> ShellScripts() => Find("*.sh");

    public static TheoryData<string> Plists() => Find("*.plist");

    private static TheoryData<string> Find(params string[] patterns)
    {
        var deploy = RepositoryRoot.File("deploy");
        var files = patterns
            .SelectMany(p => Directory.EnumerateFiles(deploy, p, SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}out{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepositoryRoot.Path, f).Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal);
        return [.. files];
    }
}
