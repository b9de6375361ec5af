namespace Psstd.Agent.Metrics.Linux;

/// <summary>Cumulative bytes received and sent since boot, over the interfaces that count.</summary>
internal readonly record struct NetworkTotals(long RxBytes, long TxBytes);
