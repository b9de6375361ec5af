using Psstd.Contracts;

namespace Psstd.Agent.Metrics;

/// <summary>Measures this machine for the node record.</summary>
/// <remarks>
/// A probe keeps the previous reading of the kernel's cumulative counters, so it has one owner: the
/// sampling loop. Rates from two callers would each cover only part of the interval.
/// </remarks>
internal interface IMetricsProbe
{
    /// <summary>Names of the metrics this platform cannot read (empty on Linux); they read 0 in every sample.</summary>
    IReadOnlyList<string> Unavailable { get; }

    /// <summary>
    /// Reads the machine now. Rates and busy % are averages over the whole time since the previous
    /// call (the first call primes the counters and reports rates and busy % of 0).
    /// </summary>
    NodeMetrics Sample();
}
