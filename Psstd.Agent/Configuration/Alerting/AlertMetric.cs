namespace Psstd.Agent.Configuration.Alerting;

/// <summary>What a rule watches; <see cref="AlertMetrics"/> names, reads and formats each.</summary>
internal enum AlertMetric
{
    Cpu,
    CpuBusiestCore,
    Memory,
    Swap,
    RootFs,
    Load1PerCore,
    NetRx,
    NetTx,
    DiskRead,
    DiskWrite,
    Health,
}
