namespace Psstd.Agent.Metrics.Linux;

/// <summary>Cumulative bytes read from and written to the machine's whole physical disks since boot.</summary>
internal readonly record struct DiskIoTotals(long BytesRead, long BytesWritten);
