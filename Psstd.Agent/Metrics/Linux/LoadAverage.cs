namespace Psstd.Agent.Metrics.Linux;

/// <summary>The kernel's 1, 5 and 15 minute load averages.</summary>
internal readonly record struct LoadAverage(double One, double Five, double Fifteen);
