using System.Net.Sockets;
using Psstd.Agent.LocalApi;
using Psstd.Configuration;
using Psstd.Tests.Support;

namespace Psstd.Tests.LocalApi;

public sealed class SocketFileTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public void SocketLeftByAKilledAgent_IsRemoved()
    {
        var path = _dir.File("agent.sock");
        using (var dead = Listen(_dir.File("moved.sock")))
        {
            // .NET unlinks the path it bound when the socket closes; a kill -9 does not. Renaming the
            // socket file first leaves exactly what a killed agent leaves: a socket nobody serves.
            File.Move(_dir.File("moved.sock"), path);
        }

        Assert.True(File.Exists(path));

        SocketFile.PrepareForBind(path);

        Assert.False(File.Exists(path));
    }

    [Fact]
    public void SocketOfARunningAgent_IsLeftAlone_AndStopsTheStart()
    {
        var path = _dir.File("agent.sock");
        using var live = Listen(path);

        var ex = Assert.Throws<StartupConfigurationException>(() => SocketFile.PrepareForBind(path));

        Assert.Contains("PSSTD_SOCKET", ex.Message, StringComparison.Ordinal);
        Assert.Contains("another running agent", ex.Message, StringComparison.Ordinal);
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void FileWithContent_IsNeverDeleted()
    {
        var path = _dir.File("agent.sock");
        File.WriteAllText(path, "precious");

        var ex = Assert.Throws<StartupConfigurationException>(() => SocketFile.PrepareForBind(path));

        Assert.Contains(path, ex.Message, StringComparison.Ordinal);
        Assert.Equal("precious", File.ReadAllText(path));
    }

    [Fact]
    public void MissingDirectory_IsCreated_ClosedToOthers()
    {
        var path = Path.Combine(_dir.Path, "run", "agent.sock");

        SocketFile.PrepareForBind(path);

        Assert.True(Directory.Exists(Path.GetDirectoryName(path)));
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(Path.GetDirectoryName(path)!);
            Assert.Equal(UnixFileMode.None, mode & (UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute));
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void LockDown_LetsOnlyOwnerAndGroupConnect()
    {
        var path = _dir.File("agent.sock");
        using var live = Listen(path);

        SocketFile.LockDown(path);

        Assert.Equal(SocketFile.Permissions, File.GetUnixFileMode(path));
    }

    private static Socket Listen(string path)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(path));
        socket.Listen();
        return socket;
    }

    public void Dispose() => _dir.Dispose();
}
