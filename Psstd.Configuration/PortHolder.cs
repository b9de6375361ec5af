using System.Globalization;

namespace Psstd.Configuration;

/// <summary>
/// Who holds a local port, where the OS tells: on Linux the socket's inode from <c>/proc/net/{udp,tcp}[6]</c>,
/// then the process whose <c>/proc/PID/fd</c> links to that inode. Processes of other users cannot be
/// looked into without privileges; then only their user id is known.
/// </summary>
public static class PortHolder
{
    /// <summary>For example <c>pid 4242 (python3)</c> or <c>a process of uid 1001</c>; null when the OS does not tell.</summary>
    /// <param name="protocol"><c>UDP</c> or <c>TCP</c> (for TCP only listening sockets count).</param>
    public static string? Describe(int port, string protocol, string procRoot = "/proc")
    {
        ArgumentNullException.ThrowIfNull(protocol);
        if (!OperatingSystem.IsLinux())
        {
            return null;
        }

        var tcp = string.Equals(protocol, "TCP", StringComparison.OrdinalIgnoreCase);
        var table = tcp ? "tcp" : "udp";
        foreach (var file in new[] { table, table + "6" })
        {
            if (FindSocket(Path.Combine(procRoot, "net", file), port, tcp) is { } socket)
            {
                return FindProcess(procRoot, socket.Inode) ?? $"a process of uid {socket.Uid}";
            }
        }

        return null;
    }

    /// <summary>Reads one <c>/proc/net</c> table: "sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode ...".</summary>
    internal static (string Inode, string Uid)? FindSocket(string tablePath, int port, bool listeningOnly)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(tablePath);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var portHex = port.ToString("X4", CultureInfo.InvariantCulture);
        foreach (var line in lines.Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 10 || !fields[1].EndsWith(":" + portHex, StringComparison.Ordinal) || (listeningOnly && fields[3] != "0A"))
            {
                continue;
            }

            if (fields[9] != "0")
            {
                return (fields[9], fields[7]);
            }
        }

        return null;
    }

    private static string? FindProcess(string procRoot, string inode)
    {
        var target = $"socket:[{inode}]";
        foreach (var directory in Directory.EnumerateDirectories(procRoot))
        {
            if (!int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            try
            {
                foreach (var fd in Directory.EnumerateFileSystemEntries(Path.Combine(directory, "fd")))
                {
                    if (new FileInfo(fd).LinkTarget == target)
                    {
                        return $"pid {pid} ({Command(directory)})";
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // another user's process, or gone meanwhile
            }
        }

        return null;
    }

    private static string Command(string processDirectory)
    {
        try
        {
            return File.ReadAllText(Path.Combine(processDirectory, "comm")).Trim();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "?";
        }
    }
}
