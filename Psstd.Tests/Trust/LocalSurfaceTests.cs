using Psstd.Agent.Identity;
using Psstd.Agent.Instance;
using Psstd.Agent.LocalApi;
using Psstd.Agent.Store;
using Psstd.ClusterView;
using Psstd.Configuration;
using Psstd.Tests.Support;

namespace Psstd.Tests.Trust;

/// <summary>
/// Issue row 12 and item 8, without another user: a socket directory others may write to is refused, the state
/// the agent writes is its own (0700 directory, 0600 files), and a client trusts only its own user, root, or the
/// owner of a directory nobody else could have made. <c>LocalSocketOwnerTests</c> replays the attack with a second user.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LocalSurfaceTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void SocketDirectory_ThatEveryUserMayWrite_IsRefused()
    {
        var shared = _dir.File("shared");
        Directory.CreateDirectory(shared);
        File.SetUnixFileMode(shared, (UnixFileMode)0x1FF);

        var ex = Assert.Throws<StartupConfigurationException>(() => SocketFile.PrepareForBind(Path.Combine(shared, "agent.sock")));

        Assert.Contains("PSSTD_SOCKET", ex.Message, StringComparison.Ordinal);
        Assert.Contains("every user may write", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SocketDirectory_TheAgentMakes_IsItsOwnAndItsGroups()
    {
        var path = Path.Combine(_dir.File("run"), "agent.sock");

        SocketFile.PrepareForBind(path);

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute, File.GetUnixFileMode(_dir.File("run")));
    }

    [Fact]
    public void StateDirectoryAndFiles_AreReadableByTheOwnerOnly()
    {
        var state = _dir.File("state");

        NodeIdentityStore.Start(state);
        using (var store = ClusterStore.Open(state))
        using (InstanceLock.TryAcquire(state))
        {
            new InstanceOwner(1, "a", ":7947", "10.0.0.1:7947", "/run/psstd/agent.sock", DateTimeOffset.UnixEpoch).Write(state);
        }

        Assert.Equal(PrivateFiles.DirectoryMode, File.GetUnixFileMode(state));
        var files = Directory.GetFiles(state);
        Assert.Contains(files, f => f.EndsWith(StoreSchema.FileName, StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(NodeIdentityStore.IdFile, StringComparison.Ordinal));
        Assert.Contains(files, f => f.EndsWith(InstanceOwner.FileName, StringComparison.Ordinal));
        Assert.All(files, f => Assert.True(File.GetUnixFileMode(f) == PrivateFiles.FileMode, $"{Path.GetFileName(f)} is {File.GetUnixFileMode(f)}"));
    }

    [Fact]
    public void StoreWrittenByAnOlderVersion_IsMadePrivateAtOpen()
    {
        var state = _dir.File("old");
        using (ClusterStore.Open(state))
        {
        }

        var db = Path.Combine(state, StoreSchema.FileName);
        File.SetUnixFileMode(db, (UnixFileMode)0x1A4); // 0644, as the umask left it before
        using (ClusterStore.Open(state))
        {
        }

        Assert.Equal(PrivateFiles.FileMode, File.GetUnixFileMode(db));
    }

    [Fact]
    public void Client_TrustsItsOwnUserAndRoot_NotAStrangerInASharedDirectory()
    {
        var socket = Path.Combine(_dir.Path, "agent.sock");
        var stranger = UnixOwnership.EffectiveUser == 65534 ? 65533u : 65534u;

        Assert.True(UnixOwnership.MayServe(UnixOwnership.EffectiveUser, socket));
        Assert.True(UnixOwnership.MayServe(0, socket));
        Assert.False(UnixOwnership.MayServe(stranger, socket));
        Assert.False(UnixOwnership.MayServe(stranger, "/tmp/agent.sock"));
    }

    public void Dispose() => _dir.Dispose();
}
