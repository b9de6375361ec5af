using System.Runtime.Versioning;

namespace Psstd.Agent.Metrics.Windows;

/// <summary>
/// The PDH counters ntdll has no documented call for: the processor queue length and the bytes read
/// from and written to all physical disks. Raw values are read, so the rates come from the same
/// <see cref="CounterRate"/> arithmetic as every other platform's.
/// </summary>
/// <remarks>
/// A counter PDH cannot add (the performance counter service disabled, or Wine, which implements only a
/// few) stays absent and its metric reads 0; <see cref="HasQueueLength"/> and <see cref="HasDiskBytes"/> say so.
/// </remarks>
[SupportedOSPlatform("windows")]
internal sealed class PdhCounters : IDisposable
{
    private const string QueueLengthPath = @"\System\Processor Queue Length";
    private const string DiskReadPath = @"\PhysicalDisk(_Total)\Disk Read Bytes/sec";
    private const string DiskWritePath = @"\PhysicalDisk(_Total)\Disk Write Bytes/sec";

    private readonly PdhQueryHandle? _query;
    private readonly nint _queueLength;
    private readonly nint _diskRead;
    private readonly nint _diskWrite;

    public PdhCounters()
    {
        if (Pdh.PdhOpenQuery(null, 0, out var query) != 0)
        {
            query.Dispose();
            return;
        }

        _query = query;
        _queueLength = Add(query, QueueLengthPath);
        _diskRead = Add(query, DiskReadPath);
        _diskWrite = Add(query, DiskWritePath);
    }

    public bool HasQueueLength => _queueLength != 0;

    public bool HasDiskBytes => _diskRead != 0 && _diskWrite != 0;

    /// <summary>Collects every counter at one instant; a counter that is absent or has no valid value reads 0.</summary>
    public (long QueueLength, long DiskReadBytes, long DiskWrittenBytes) Collect()
    {
        if (_query is null || Pdh.PdhCollectQueryData(_query) != 0)
        {
            return default;
        }

        return (Raw(_queueLength), Raw(_diskRead), Raw(_diskWrite));
    }

    public void Dispose() => _query?.Dispose();

    private static nint Add(PdhQueryHandle query, string path) =>
        Pdh.PdhAddEnglishCounter(query, path, 0, out nint counter) == 0 ? counter : 0;

    private static long Raw(nint counter)
    {
        if (counter == 0 || Pdh.PdhGetRawCounterValue(counter, out _, out var value) != 0)
        {
            return 0;
        }

        return value.CStatus is Pdh.ValidData or Pdh.NewData ? Math.Max(0, value.FirstValue) : 0;
    }
}
