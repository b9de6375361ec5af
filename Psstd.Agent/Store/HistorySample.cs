using Psstd.Contracts;
using Psstd.Gossip.Wire;

namespace Psstd.Agent.Store;

/// <summary>
/// One history row in the store's integer units (see <see cref="StoreSchema"/>): CPU in tenths of a
/// percent, loads in hundredths, the rest in bytes or bytes per second.
/// </summary>
internal readonly record struct HistorySample(
    Guid NodeId,
    long AtMs,
    long Cpu,
    long CpuMax,
    long MemoryUsed,
    long MemoryTotal,
    long SwapUsed,
    long Load1,
    long Load5,
    long Load15,
    long DiskRead,
    long DiskWrite,
    long NetRx,
    long NetTx)
{
    /// <summary>The sample a record carries, stored at <paramref name="at"/> (this agent's wall clock).</summary>
    public static HistorySample From(NodeRecord record, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(record);
        var m = record.Metrics;
        var max = 0.0;
        var cores = m.CoreBusyPercent;
        for (var i = 0; i < cores.Count; i++) // by index: foreach over the interface would box an enumerator per record
        {
            max = Math.Max(max, cores[i]);
        }

        return new HistorySample(
            record.Id,
            at.ToUnixTimeMilliseconds(),
            Tenths(m.CpuBusyPercent),
            Tenths(max),
            m.MemoryUsedBytes,
            m.MemoryTotalBytes,
            m.SwapUsedBytes,
            Hundredths(m.Load1),
            Hundredths(m.Load5),
            Hundredths(m.Load15),
            m.DiskReadBytesPerSecond,
            m.DiskWriteBytesPerSecond,
            m.NetRxBytesPerSecond,
            m.NetTxBytesPerSecond);
    }

    public HistoryPoint ToPoint() => new(
        DateTimeOffset.FromUnixTimeMilliseconds(AtMs),
        Cpu / 10.0,
        CpuMax / 10.0,
        MemoryUsed,
        MemoryTotal,
        SwapUsed,
        Load1 / 100.0,
        Load5 / 100.0,
        Load15 / 100.0,
        DiskRead,
        DiskWrite,
        NetRx,
        NetTx);

    private static long Tenths(double percent) => (long)Math.Round(Math.Clamp(percent, 0, 100) * 10);

    private static long Hundredths(double value) => (long)Math.Round(Math.Max(0, value) * 100);
}
