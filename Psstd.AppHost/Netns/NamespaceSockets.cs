using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Psstd.AppHost.Netns;

/// <summary>
/// Opens a socket inside a named network namespace from this process: a short-lived thread enters the
/// namespace (setns(2) moves only the calling thread), creates the socket and ends. A socket stays in
/// the namespace it was created in, so the caller then uses it like any other; tests talk between
/// namespaces this way without extra tools.
/// </summary>
public static partial class NamespaceSockets
{
    private const int CloneNewNet = 0x40000000;

    public static Socket Open(string namespaceName, AddressFamily family, SocketType type, ProtocolType protocol)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(namespaceName);
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("network namespaces need Linux");
        }

        Socket? socket = null;
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            try
            {
                using var handle = File.OpenHandle(Path.Combine("/run/netns", namespaceName));
                if (SetNs(handle.DangerousGetHandle().ToInt32(), CloneNewNet) != 0)
                {
                    throw new NetnsException($"setns into {namespaceName} failed (errno {Marshal.GetLastPInvokeError()})");
                }

                socket = new Socket(family, type, protocol);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NetnsException or SocketException)
            {
                failure = ex;
            }
        })
        {
            IsBackground = true,
            Name = "setns " + namespaceName,
        };
        thread.Start();
        thread.Join();
        return socket ?? throw new NetnsException($"no socket in namespace {namespaceName}: {failure?.Message}", failure!);
    }

    [LibraryImport("libc", EntryPoint = "setns", SetLastError = true)]
    private static partial int SetNs(int fd, int nsType);
}
