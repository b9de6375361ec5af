using System.Buffers.Binary;

namespace Psstd.Agent.Metrics.Windows;

/// <summary>Reads the array NtQuerySystemInformation(SystemProcessorPerformanceInformation) fills.</summary>
/// <remarks>
/// Each entry is SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION (winternl.h): LARGE_INTEGER IdleTime,
/// KernelTime, UserTime, two reserved LARGE_INTEGERs (DPC and interrupt time), a reserved ULONG, padded
/// to 48 bytes. Windows is little-endian on every architecture it runs on.
/// </remarks>
internal static class ProcessorPerformanceParser
{
    public const int EntrySize = 48;

    /// <summary>One entry per whole 48 bytes, in processor order; a trailing fragment is ignored.</summary>
    public static ProcessorTimes[] Parse(ReadOnlySpan<byte> buffer)
    {
        var cores = new ProcessorTimes[buffer.Length / EntrySize];
        for (int i = 0; i < cores.Length; i++)
        {
            var entry = buffer.Slice(i * EntrySize, EntrySize);
            cores[i] = new ProcessorTimes(
                Idle: BinaryPrimitives.ReadInt64LittleEndian(entry),
                Kernel: BinaryPrimitives.ReadInt64LittleEndian(entry[8..]),
                User: BinaryPrimitives.ReadInt64LittleEndian(entry[16..]));
        }

        return cores;
    }
}
