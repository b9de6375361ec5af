using System.Runtime.CompilerServices;

namespace Psstd.Tests.Terminal;

/// <summary>
/// Compares rendered text with a file under <c>Fixtures/terminal</c>. With <c>PSSTD_UPDATE_SNAPSHOTS=1</c> the
/// file in the source tree is rewritten instead (then read the diff before committing it).
/// </summary>
internal static class TextSnapshot
{
    public static void Matches(string name, string actual, [CallerFilePath] string caller = "")
    {
        var file = Path.Combine("Fixtures", "terminal", name + ".txt");
        if (Environment.GetEnvironmentVariable("PSSTD_UPDATE_SNAPSHOTS") == "1")
        {
            var source = Path.Combine(Path.GetDirectoryName(caller)!, "..", file);
            File.WriteAllText(source, actual);
            return;
        }

        var expected = File.Exists(Path.Combine(AppContext.BaseDirectory, file))
            ? File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file))
            : throw new Xunit.Sdk.XunitException($"no snapshot {file}; run with PSSTD_UPDATE_SNAPSHOTS=1 to create it. Actual:\n{actual}");
        Assert.Equal(expected.ReplaceLineEndings("\n"), actual);
    }
}
