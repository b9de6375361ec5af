using System.Runtime.InteropServices;
using System.Runtime.Versioning;

namespace Psstd.Agent.Metrics.Windows;

/// <summary>Physical memory as Windows reports it.</summary>
[SupportedOSPlatform("windows")]
internal static partial class Kernel32
{
    [LibraryImport("kernel32.dll", SetLastError = true)]
    [return: MarshalAs(UnmanagedType.Bool)]
    public static partial bool GlobalMemoryStatusEx(ref MemoryStatusEx buffer);
}

/// <summary>MEMORYSTATUSEX (sysinfoapi.h), in bytes; the caller sets <see cref="Length"/> to the struct's size.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct MemoryStatusEx
{
    public uint Length;
    public uint MemoryLoad;
    public ulong TotalPhys;
    public ulong AvailPhys;
    public ulong TotalPageFile;
    public ulong AvailPageFile;
    public ulong TotalVirtual;
    public ulong AvailVirtual;
    public ulong AvailExtendedVirtual;
}
