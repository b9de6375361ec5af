using Psstd.Agent.Identity;
using Psstd.Configuration;
using Psstd.Tests.Support;

namespace Psstd.Tests.Identity;

public sealed class NodeIdentityStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void EveryStart_KeepsTheId_AndIncrementsTheGeneration()
    {
        var first = NodeIdentityStore.Start(_dir.Path);
        var second = NodeIdentityStore.Start(_dir.Path);
        var third = NodeIdentityStore.Start(_dir.Path);

        Assert.Equal(first.Id, third.Id);
        Assert.Equal([1L, 2L, 3L], [first.Generation, second.Generation, third.Generation]);
        Assert.NotEqual(Guid.Empty, first.Id);
    }

    [Fact]
    public void ForeignIdFile_StopsTheStart_NamingThePath_AndIsKept()
    {
        var idFile = Path.Combine(_dir.Path, NodeIdentityStore.IdFile);
        File.WriteAllText(idFile, "my notes");

        var ex = Assert.Throws<StartupConfigurationException>(() => NodeIdentityStore.Start(_dir.Path));

        Assert.Contains("PSSTD_DB", ex.Message, StringComparison.Ordinal);
        Assert.Contains(idFile, ex.Message, StringComparison.Ordinal);
        Assert.Equal("my notes", File.ReadAllText(idFile));
    }

    [Fact]
    public void UnwritableStateDir_StopsTheStart_NamingIt()
    {
        var file = Path.Combine(_dir.Path, "a-file");
        File.WriteAllText(file, "x");
        var below = Path.Combine(file, "state");

        var ex = Assert.Throws<StartupConfigurationException>(() => NodeIdentityStore.Start(below));

        Assert.Contains($"PSSTD_DB=\"{below}\"", ex.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Dispose();
}
