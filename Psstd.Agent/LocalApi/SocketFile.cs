using System.Net.Sockets;
using Psstd.Agent.Configuration;
using Psstd.Configuration;

namespace Psstd.Agent.LocalApi;

/// <summary>The Unix socket file of the local API: made ready before binding, locked down after.</summary>
internal static class SocketFile
{
    /// <summary>Owner and group may connect (the dashboard may run as another user of the group); others may not.</summary>
    public const UnixFileMode Permissions = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite;

    /// <summary>
    /// Creates the directory and removes a socket file left by a killed agent. A socket that still
    /// answers belongs to a running agent and is left alone.
    /// </summary>
    /// <exception cref="StartupConfigurationException">Another agent serves the path, or it is not a socket.</exception>
    public static void PrepareForBind(string path)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
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
