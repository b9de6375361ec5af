namespace Psstd.Tests.Metrics;

/// <summary>
/// A private copy of a fixture /proc tree in a temporary directory, so a test can rewrite files
/// between samples; deleted on dispose.
/// </summary>
internal sealed class TempProcTree : IDisposable
{
    public TempProcTree(string fixture)
    {
        Root = Directory.CreateTempSubdirectory("psstd-proc-").FullName;
        CopyDirectory(ProcFixtures.PathOf(fixture), Root);
    }

    public string Root { get; }

    /// <summary>Overwrites this tree's files with those of another fixture directory.</summary>
    public void Overlay(string fixture) => CopyDirectory(ProcFixtures.PathOf(fixture), Root);

    /// <summary>Replaces one file, named relative to the tree with forward slashes.</summary>
    public void Write(string relative, string text) =>
        File.WriteAllText(Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar)), text);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static void CopyDirectory(string source, string destination)
    {
        Directory.CreateDirectory(destination);
        foreach (string file in Directory.GetFiles(source))
        {
            File.Copy(file, Path.Combine(destination, Path.GetFileName(file)), overwrite: true);
        }

        foreach (string directory in Directory.GetDirectories(source))
        {
            CopyDirectory(directory, Path.Combine(destination, Path.GetFileName(directory)));
        }
    }
}
