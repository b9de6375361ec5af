using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Psstd.Agent.Metrics.MacOS;

/// <summary>The Mach and sysctl calls the macOS probe makes; each fills a caller's buffer, parsed elsewhere.</summary>
/// <remarks>Written from Apple's public headers and man pages; no Mac was at hand to run them on.</remarks>
[SupportedOSPlatform("macos")]
internal static partial class LibSystem
{
    /// <summary>PROCESSOR_CPU_LOAD_INFO (mach/processor_info.h).</summary>
    public const int ProcessorCpuLoadInfo = 2;

    /// <summary>HOST_VM_INFO64 (mach/host_info.h) and its count in integer_t units, sizeof(vm_statistics64) / 4.</summary>
    public const int HostVmInfo64 = 4;
    public const int HostVmInfo64Count = 38;

    private const string Library = "/usr/lib/libSystem.dylib";

    /// <summary>Each call adds a send right to the host port: call once and keep the port.</summary>
    [LibraryImport(Library, EntryPoint = "mach_host_self")]
    public static partial uint MachHostSelf();

    [LibraryImport(Library, EntryPoint = "host_processor_info")]
    public static partial int HostProcessorInfo(uint host, int flavor, out uint processorCount, out nint info, out uint infoCount);

    [LibraryImport(Library, EntryPoint = "host_statistics64")]
    public static partial int HostStatistics64(uint host, int flavor, [Out] byte[] info, ref uint count);

    [LibraryImport(Library, EntryPoint = "vm_deallocate")]
    public static partial int VmDeallocate(uint task, nuint address, nuint size);

    [LibraryImport(Library, EntryPoint = "sysctlbyname", StringMarshalling = StringMarshalling.Utf8)]
    public static partial int SysctlByName(string name, [Out] byte[] oldValue, ref nuint oldLength, nint newValue, nuint newLength);

    /// <summary>
    /// mach_task_self() is a macro over the global mach_task_self_, not a function: the port is read
    /// from the variable, which costs no send right.
    /// </summary>
    public static uint TaskSelf() =>
        (uint)Marshal.ReadInt32(NativeLibrary.GetExport(NativeLibrary.Load(Library), "mach_task_self_"));

    /// <summary>
    /// The per-core tick counters as host_processor_info returns them (CPU_STATE_MAX integers per core),
    /// copied out of the array the kernel allocated, which is then given back; empty on failure.
    /// </summary>
    public static int[] ProcessorTicks(uint host, uint task)
    {
        if (HostProcessorInfo(host, ProcessorCpuLoadInfo, out _, out nint info, out uint count) != 0 || info == 0)
        {
            return [];
        }

        var ticks = new int[count];
        Marshal.Copy(info, ticks, 0, ticks.Length);
        _ = VmDeallocate(task, (nuint)info, (nuint)(count * sizeof(int)));
        return ticks;
    }

    /// <summary>vm_statistics64 as bytes; empty on failure.</summary>
    public static byte[] VmStatistics(uint host)
    {
        var info = new byte[HostVmInfo64Count * sizeof(int)];
        uint count = HostVmInfo64Count;
        return HostStatistics64(host, HostVmInfo64, info, ref count) == 0 ? info : [];
    }

    /// <summary>The value of a sysctl of at most <paramref name="size"/> bytes; empty when it cannot be read.</summary>
    public static byte[] Sysctl(string name, int size)
    {
        var value = new byte[size];
        nuint length = (nuint)size;
        return SysctlByName(name, value, ref length, 0, 0) == 0 ? value.AsSpan(0, (int)Math.Min(length, (nuint)size)).ToArray() : [];
    }
}
