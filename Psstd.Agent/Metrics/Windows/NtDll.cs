using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Psstd.Agent.Metrics.Windows;

/// <summary>The one ntdll call the Windows probe makes; it fills a caller's buffer, parsed elsewhere.</summary>
[SupportedOSPlatform("windows")]
internal static partial class NtDll
{
    /// <summary>SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION, one entry per logical core of the process's group.</summary>
    public const int SystemProcessorPerformanceInformation = 8;

    /// <summary>SYSTEM_PAGEFILE_INFORMATION, one chained entry per page file.</summary>
    public const int SystemPageFileInformation = 18;

    /// <summary>NTSTATUS STATUS_INFO_LENGTH_MISMATCH: the buffer was too small.</summary>
    public const int InfoLengthMismatch = unchecked((int)0xC0000004);

    [LibraryImport("ntdll.dll")]
    public static partial int NtQuerySystemInformation(int infoClass, [Out] byte[] buffer, int length, out int returnLength);

    /// <summary>
    /// The bytes of one information class, growing the buffer while the OS says it is too small;
    /// empty when the call fails otherwise.
    /// </summary>
    public static ReadOnlySpan<byte> Query(int infoClass, ref byte[] buffer)
    {
        for (int attempt = 0; attempt < 4; attempt++)
        {
            int status = NtQuerySystemInformation(infoClass, buffer, buffer.Length, out int returned);
            if (status >= 0)
            {
                return buffer.AsSpan(0, Math.Clamp(returned, 0, buffer.Length));
            }

            if (status != InfoLengthMismatch)
            {
                return default;
            }

            buffer = new byte[Math.Max(buffer.Length * 2, returned)];
        }

        return default;
    }
}
