using System.Net.Sockets;
using Psstd.Agent.Configuration;
using Psstd.ClusterView;
using Psstd.Configuration;

namespace Psstd.Agent.LocalApi;

/// <summary>The Unix socket file of the local API: made ready before binding, locked down after.</summary>
internal static class SocketFile
{
    /// <summary>Owner and group may connect (the dashboard may run as another user of the group); others may not.</summary>
    public const UnixFileMode Permissions = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    /// <summary>
    /// Creates the directory and removes a socket file left by a killed agent. A socket that still
    /// answers belongs to a running agent and is left alone. A directory that another user owns, or that
    /// others may write to, is refused: whoever controls it could serve a fake agent in this one's place.
    /// </summary>
    /// <exception cref="StartupConfigurationException">
    /// Another agent serves the path, it is not a socket, or its directory is not this user's (or root's) alone.
    /// </exception>
    public static void PrepareForBind(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (Directory.Exists(directory))
        {
            CheckDirectory(path, directory);
        }
        else
        {
            if (OperatingSystem.IsWindows())
            {
                Directory.CreateDirectory(directory);
            }
            else
            {
                Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
            }
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            return;
        }

        // .NET cannot tell a socket from a file without stat(2); a socket always has length 0, so a
        // file with content is never ours to delete.
        if (info.Length > 0)
        {
            throw Invalid(path, "must name a Unix socket; a file with content is there and is left untouched");
        }

        if (Answers(path))
        {
            throw Invalid(path, "is served by another running agent; give this one its own PSSTD_SOCKET and PSSTD_DB");
        }

        File.Delete(path);
    }

    /// <summary>The rule for an existing directory; Linux checks the owner too (statx), other systems only the mode.</summary>
    private static void CheckDirectory(string path, string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        if (OperatingSystem.IsLinux() && UnixOwnership.Stat(directory) is { } stat)
        {
            if (stat.Owner != 0 && stat.Owner != UnixOwnership.EffectiveUser)
            {
                throw Invalid(path, $"is in {directory}, which another user owns (uid {stat.Owner.ToString(System.Globalization.CultureInfo.InvariantCulture)}); use a directory of this user's or root's");
            }
        }

        if (File.GetUnixFileMode(directory).HasFlag(UnixFileMode.OtherWrite))
        {
            throw Invalid(path, $"is in {directory}, which every user may write to; use a directory only this user (or its group) may write");
        }
    }

    /// <summary>Restricts who may connect. Called once Kestrel has created the socket.</summary>
    public static void LockDown(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, Permissions);
        }
    }

    public static void Remove(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // Best effort at shutdown: the next start removes a leftover anyway.
        }
    }

    private static bool Answers(string path)
    {
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static StartupConfigurationException Invalid(string path, string rule) =>
        new([new ConfigurationError(AgentVariables.Socket, path, rule)]);
}
