namespace Psstd.Agent.Metrics.Linux;

/// <summary>Cumulative bytes read from and written to the machine's whole physical disks since boot.</summary>
public readonly record struct DiskIoTotals(long BytesRead, long BytesWritten);
