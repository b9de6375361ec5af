using System.Buffers.Binary;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Psstd.ClusterView;

/// <summary>
/// Who owns the agent's socket and its directory, and who serves it. The default socket may live in a shared
/// directory such as <c>/tmp</c>, where another user could have made the directory first and serve a fake agent
/// there; these checks are how the agent refuses such a directory and a client refuses such a server.
/// Linux only (statx and SO_PEERCRED); elsewhere the file mode is all that is checked.
/// </summary>
public static partial class UnixOwnership
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxMode = 0x2;
    private const uint StatxUid = 0x8;
    private const int StatxSize = 256;
    private const int SolSocket = 1;
    private const int SoPeerCred = 17;

    /// <summary>The user this process acts as.</summary>
    [SupportedOSPlatform("linux")]
    public static uint EffectiveUser => GetEuid();

    /// <summary>The owner and mode of <paramref name="path"/> (not following a symbolic link); null when it cannot be read.</summary>
    [SupportedOSPlatform("linux")]
    public static (uint Owner, UnixFileMode Mode, bool Sticky)? Stat(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var buffer = new byte[StatxSize];
        if (Statx(AtFdCwd, path, AtSymlinkNoFollow, StatxMode | StatxUid, buffer) != 0)
        {
            return null;
        }

        // struct statx: stx_uid at byte 20, stx_mode (16 bits) at byte 28, the same on every architecture.
        var mode = BinaryPrimitives.ReadUInt16LittleEndian(buffer.AsSpan(28));
        return (BinaryPrimitives.ReadUInt32LittleEndian(buffer.AsSpan(20)), (UnixFileMode)(mode & 0x1FF), (mode & 0x200) != 0);
    }

    /// <summary>The user serving the other end of a connected Unix socket.</summary>
    [SupportedOSPlatform("linux")]
    public static uint PeerUser(Socket socket)
    {
        ArgumentNullException.ThrowIfNull(socket);

        // struct ucred { pid_t pid; uid_t uid; gid_t gid; }
        Span<byte> credentials = stackalloc byte[12];
        socket.GetRawSocketOption(SolSocket, SoPeerCred, credentials);
        return BinaryPrimitives.ReadUInt32LittleEndian(credentials[4..]);
    }

    /// <summary>
    /// Whether a client may talk to an agent run by <paramref name="server"/> on <paramref name="socketPath"/>: one run
    /// by this user or by root, or by the owner of the socket's directory when nobody else could have made that
    /// directory (its parent is not writable by others: <c>/run/psstd</c>, not <c>/tmp/psstd-name</c>).
    /// </summary>
    [SupportedOSPlatform("linux")]
    public static bool MayServe(uint server, string socketPath)
    {
        ArgumentNullException.ThrowIfNull(socketPath);
        if (server == 0 || server == EffectiveUser)
        {
            return true;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(socketPath));
        var parent = directory is null ? null : Path.GetDirectoryName(directory);
        return directory is not null && parent is not null
            && Stat(directory) is { } dir && dir.Owner == server && !dir.Mode.HasFlag(UnixFileMode.OtherWrite)
            && Stat(parent) is { } above && !above.Mode.HasFlag(UnixFileMode.OtherWrite);
    }

    [LibraryImport("libc", EntryPoint = "statx", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, [Out] byte[] buffer);

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEuid();
}
