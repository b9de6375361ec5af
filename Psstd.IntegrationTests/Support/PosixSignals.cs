using System.Runtime.InteropServices;

namespace Psstd.Tests.Support;

/// <summary>
/// Sends SIGTERM, which the BCL cannot (Process.Kill is SIGKILL): children get to shut down cleanly,
/// remove their sockets and say goodbye.
/// </summary>
public static partial class PosixSignals
{
    private const int SigTerm = 15;

    /// <summary>True when the signal was delivered.</summary>
    public static bool Terminate(int pid) => !OperatingSystem.IsWindows() && Kill(pid, SigTerm) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
